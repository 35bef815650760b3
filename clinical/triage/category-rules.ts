import { anyOf } from './phrase.ts';

/** Message categories other than urgent_risk (which comes from the risk screen). Several may apply. */
export type RoutineCategory =
  | 'clinical_question'
  | 'medication_refill'
  | 'scheduling'
  | 'billing_insurance'
  | 'records_request'
  | 'administrative';

export const CATEGORY_RULES: ReadonlyArray<{ category: RoutineCategory; pattern: RegExp }> = [
  {
    category: 'medication_refill',
    pattern: anyOf(
      'refill*',
      'prescription*',
      'pharmacy',
      'rx',
      '(ran|run|running|runs) out',
      '(down|low) to ~2 (pills|tablets|doses|days)',
      'out of (my )?(meds|medication|medicine|pills)',
      'mail order',
      'early (refill|fill)',
      '(days|pills) left',
      '(receta|recetas|farmacia|resurtir|surtir)',
      'se me (esta_)?(acaba|acabo|acabando)',
      'me quedan ~2 (pastillas|dias)',
    ),
  },
  {
    category: 'scheduling',
    pattern: anyOf(
      'appointment*',
      'appt*',
      '(reschedul*|cancel|cancelling|canceling)',
      'move (my|our|the|thursdays|tuesdays|mondays|wednesdays|fridays|next|todays) ~2 (appointment*|appt*|session*|\\d+pm|\\d+am|\\d+|visit|time|slot)',
      'move (it|that|us) to',
      '(switch|change) (to|my|our|the) ~2 (mondays|tuesdays|wednesdays|thursdays|fridays|time|day|session|appointment)',
      'running ~2 (late|behind)',
      '\\d+ (minutes|min|mins) late',
      '(slot|slots|availability|opening|openings|waitlist)',
      '(push|move|switch|change|shift) ~3 (session|appointment|appt|time)',
      '(session|appointment|appt) (by|over|on) (video|phone|zoom)',
      'make up ~3 (session|minutes|time|appointment)',
      '(cant|can_not|wont|couldnt) make (it|monday|tuesday|wednesday|thursday|friday|saturday|today|tomorrow|my|the)',
      '(\\d+|shorter|longer) ~1 (minute|min)? sessions',
      '(meeting_id|zoom|telehealth_link|video_link|the_link)',
      'every other week',
      'extra session',
      'can next week be',
      '(on|back_on) the schedule',
      'same time',
      '(schedule|book) (a|an|another|my)',
      'no show',
      '(cita|citas|reprogramar|horario)',
      'cambiar (mi|la) (cita|hora|sesion)',
      '(manana|martes|miercoles|jueves|viernes|lunes) ~3 (puedo|puede|habra|hay)',
    ),
  },
  {
    category: 'billing_insurance',
    pattern: anyOf(
      '(bill|bills|billed|invoice|invoices|statement)',
      '(copay|copays|co_pay|coinsurance|deductible|superbill|eob)',
      'do you (accept|take) \\S+',
      '(switching|changing|new) (plans|plan)',
      /(?<!life) insurance /,
      '(claim|claims) ~3 (denied|rejected|paid|submitted)',
      '(charged|charge|charges|fee|fees|refund|balance|owe)',
      '(receipt|receipts|hsa|fsa|payment|pay)',
      '(copago|factura|seguro|cobro|cobraron|pagar|pago|saldo|recibo)',
    ),
  },
  {
    category: 'records_request',
    pattern: anyOf(
      '(copy|copies) of (my|all|his|her|their|the) ~3 (records|notes|chart|file|treatment_plan|documentation)',
      '(my|his|her|their|the) records',
      'records (request|release)',
      'release of information',
      '(letter|documentation) (of|for|about|stating|confirming)',
      '(expediente|historial_clinico)',
      'copia de (mi|su) (expediente|historial)',
    ),
  },
  {
    category: 'administrative',
    pattern: anyOf(
      '(update|change|changed) ~2 (address|phone|email|name|number|emergency_contact)',
      '(email|address|phone|number|name) ~1 (changed|is_new)',
      'emergency contact',
      'consent form',
      'new (address|phone_number|number|email)',
      '(we|i) moved',
      '(paperwork|fmla|intermittent_leave|release_form|work_note|jury_duty)',
      '(hr|employer|work|job) ~4 (form|forms|letter)',
      'note for (work|school|my_employer)',
      '(fill_out|sign) ~2 (form|forms)',
      '(password|login|log_in|locked_out)',
      '(cambie|cambio|actualice|actualizar|nueva|nuevo) ~3 (direccion|telefono|numero|correo)',
      '(direccion|telefono|numero|correo) ~3 (nuevo|nueva)',
      'actualic*',
      '(formulario|formularios)',
    ),
  },
  {
    category: 'clinical_question',
    pattern: anyOf(
      'is (it|that|this) (normal|ok|okay|bad|a_sign|a_depression)',
      'should (i|we) ~3 (slow|start|stop|take|be|try|breathe|worry|share|do)',
      'am i doing it wrong',
      'does that (ruin|mean)',
      'side (effect|effects)',
      'is it (safe|ok|okay|normal|bad)',
      'wondering (if|whether|about)',
      'how long (does|will|until|should|do)',
      '(recommend|recomiende|recomienda)',
      'any (suggestions|advice|tips)',
      'what (should|do) (i|we) do',
      'how much should i',
      'what (the_actual_rules|are_the_rules)',
      '(handouts|resources|websites) ~3 (recommend|suggest)',
      'talk about (it|this|that) (next|at)',
      '(es_normal|deberia_preocuparme|pesadillas|que_podemos_hacer)',
    ),
  },
];

/** Patterns that make a message clinically urgent without being a safety risk: stopping a mood stabilizer, a gap in
 * a medicine that must not stop abruptly. Same-day clinician review, not a crisis. */
export const CLINICAL_URGENCY_RULES: ReadonlyArray<{ code: string; pattern: RegExp }> = [
  {
    code: 'medication_interruption',
    pattern: anyOf(
      '(stopped|quit|stop) (taking )?my (lithium|lamotrigine|lamictal|clozapine|depakote|seroquel|quetiapine|meds|medication|medications)',
      '(left|lost) my (lamotrigine|lamictal|lithium|clozapine|depakote|seroquel|quetiapine|meds|medication)',
      '(lamotrigine|lamictal|lithium|clozapine) ~8 (days_left|ran_out|run_out)',
      'deje de tomar (el_litio|mi_medicamento|las_pastillas)',
    ),
  },
];
