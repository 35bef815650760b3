import type { Category, Triage } from './classify.ts';

/**
 * Reply drafts per category, in the practice's voice, English or Spanish. Every template is written to say what
 * happens next without promising an outcome or a time, and never to diagnose or advise on medication; the
 * `replyConcerns` check below holds them to it. Risk messages get crisis resources (988, 911) and are for the
 * clinician to review and send, never the front desk.
 */
export type ReplyLanguage = 'en' | 'es';

const T: Record<ReplyLanguage, Record<Category | 'greeting' | 'closing', string>> = {
  en: {
    greeting: 'Hello,',
    urgent_risk:
      'Thank you for telling us this. Your message has been shared with your clinician. If you are thinking about harming yourself or someone else, or you are in danger right now, please call or text 988 (the Suicide & Crisis Lifeline, any time, day or night) or call 911, or go to the nearest emergency room.',
    clinical_question:
      'Thank you for your question. It has been passed to your clinician, who is the right person to answer it. If anything feels urgent before then, please call the office.',
    medication_refill:
      'Thank you for your message about your medication. Your request has been passed to your prescriber’s team for review. For questions about how to take a medication, please speak with your prescriber or pharmacist.',
    scheduling:
      'Thank you for letting us know. Our front desk has your scheduling request and is checking the calendar; we will be in touch about the options.',
    billing_insurance:
      'Thank you for reaching out about billing. Your question has been passed to our billing team, who will look into it and be in touch.',
    records_request:
      'Thank you for your records request. Requests for records go through our release-of-information process, which includes a signed authorization; our staff will contact you about the next steps.',
    administrative:
      'Thank you for the update. Our front desk has your message and will follow up if anything else is needed from you.',
    other: 'Thank you for your message; our team has received it.',
    closing: 'Warm regards,',
  },
  es: {
    greeting: 'Hola,',
    urgent_risk:
      'Gracias por contarnos esto. Su mensaje ya fue compartido con su terapeuta. Si está pensando en hacerse daño o en hacer daño a otra persona, o si está en peligro ahora mismo, llame o envíe un mensaje de texto al 988 (Línea de Prevención del Suicidio y Crisis, en español oprima 2, a cualquier hora) o llame al 911, o vaya a la sala de emergencias más cercana.',
    clinical_question:
      'Gracias por su pregunta. Se la pasamos a su terapeuta, que es la persona indicada para responderla. Si algo le parece urgente antes, por favor llame a la oficina.',
    medication_refill:
      'Gracias por su mensaje sobre su medicamento. Su solicitud fue enviada al equipo de su médico para que la revise. Para preguntas sobre cómo tomar un medicamento, hable con su médico o farmacéutico.',
    scheduling:
      'Gracias por avisarnos. La recepción tiene su solicitud y está revisando el calendario; nos comunicaremos con usted sobre las opciones.',
    billing_insurance:
      'Gracias por escribirnos sobre la facturación. Su pregunta fue enviada a nuestro equipo de facturación, que la revisará y se comunicará con usted.',
    records_request:
      'Gracias por su solicitud de expediente. Las solicitudes de expediente siguen nuestro proceso de divulgación de información, que incluye una autorización firmada; nuestro personal se comunicará con usted sobre los siguientes pasos.',
    administrative: 'Gracias por la actualización. La recepción tiene su mensaje y le avisará si necesitamos algo más.',
    other: 'Gracias por su mensaje; nuestro equipo lo recibió.',
    closing: 'Saludos cordiales,',
  },
};

/**
 * A reply draft for a triaged message. A risk message gets the risk paragraph alone: the clinician writes the rest,
 * and a routine paragraph ("we are checking the calendar") beside a crisis would read as the practice missing it.
 */
export function draftReplyBody(triage: Triage, options: { language: string; signature: string }): string {
  const lang: ReplyLanguage = options.language.toLowerCase().startsWith('es') ? 'es' : 'en';
  const text = T[lang];
  const categories: Category[] = triage.categories.includes('urgent_risk')
    ? ['urgent_risk']
    : triage.escalate
      ? ['clinical_question']
      : triage.categories;
  const paragraphs = categories.map((c) => text[c]);
  return [text.greeting, ...paragraphs, `${text.closing}\n${options.signature}`].join('\n\n');
}

const CONCERNS: ReadonlyArray<{ concern: 'diagnosis' | 'medication_advice' | 'promise'; pattern: RegExp }> = [
  {
    concern: 'diagnosis',
    pattern:
      /\b(you (have|are suffering from|might have|may have)|sounds like|diagnos\w*|disorder|usted tiene|parece que tiene)\b/i,
  },
  {
    concern: 'medication_advice',
    pattern:
      /\b(\d+\s?mg|take (it|them|your|one|two|half|an extra)|double (up|your)|increase (it|your|the dose)|stop taking|skip (a|your) dose|tome (una|dos|media)|deje de tomar)\b/i,
  },
  {
    concern: 'promise',
    pattern:
      /\b(promise|guarantee\w*|definitely|certainly|will be (approved|ready|sent|refilled|covered)|by (today|tomorrow|monday|tuesday|wednesday|thursday|friday)|within \d+ (hours?|days?)|le prometo|garantiz\w*)\b/i,
  },
];

/** What in a reply draft would diagnose, advise on medication or promise: for checking any generated body. */
export function replyConcerns(body: string): Array<{ concern: string; text: string }> {
  return CONCERNS.flatMap(({ concern, pattern }) => {
    const m = pattern.exec(body);
    return m ? [{ concern, text: m[0] }] : [];
  });
}
