import { describe, expect, it } from 'vitest';
import { classifyMessage } from './classify.ts';
import { RISK_LEXICON } from './risk-rules.ts';
import { prepare } from './text.ts';

// The rules alone (no learned screen), so each case pins what the deterministic engine reads by itself.
const rules = (text: string) => classifyMessage(text, { screen: () => null });
const codes = (text: string) => rules(text).reasons.map((r) => r.code);

describe('risk the rules read without the learned screen', () => {
  it('a recent attempt and the wish to try again', () => {
    const r = rules('why was i charged a no show fee i was in the hospital after my attempt last week');
    expect(r.escalate).toBe(true);
    expect(r.categories).toContain('urgent_risk');
  });

  it('medication kept back "for later", and pills set aside', () => {
    expect(rules('can you not up my other med this time, im saving those. for later. thanks').escalate).toBe(true);
    expect(rules("Frankly I'm not sure I'll still be around by then, I have the pills set aside.").escalate).toBe(true);
  });

  it("someone else's overdose told by family, with slurred speech", () => {
    const r = rules('Dad took what I think is all of his trazodone. He is very sleepy and his speech is slurred.');
    expect(r.urgency).toBe('emergency');
    expect(codes('Dad took what I think is all of his trazodone.')).toContain('overdose_medical');
  });

  it('a weapon pointed at a person, and a child who wants to hurt a sibling (Spanish)', () => {
    expect(rules('last week he pointed one at a delivery driver he did not recognize').escalate).toBe(true);
    expect(rules('mi hijo dice que quiere lastimar a su hermanita, ya la empujo por las escaleras').escalate).toBe(
      true,
    );
  });

  it('threats by text and knowing where someone lives', () => {
    const r = rules(
      "my ex keeps texting me that I'll 'regret' taking the kids and that he knows where the new apartment is",
    );
    expect(r.escalate).toBe(true);
  });

  it('refusing what keeps one alive, and not seeing the point of continuing', () => {
    expect(rules('Mom has barely eaten or had anything to drink since last Thursday.').escalate).toBe(true);
    expect(rules('Mi padre ha dejado de tomar a propósito sus pastillas del corazón.').escalate).toBe(true);
    expect(rules("If this doesn't work I honestly don't see the point of continuing. Any of it.").escalate).toBe(true);
    // About a treatment, the same words are a question for the clinician, not despair.
    expect(rules("I don't see the point of continuing the group sessions, can we talk about it?").escalate).toBe(false);
  });

  it('second round (sealed10-12): a bridge and throwing oneself, a weapon one does not trust oneself with', () => {
    expect(
      rules('Cada vez que paso por el puente pienso en parar la camioneta y aventarme. Hoy casi lo hago.').escalate,
    ).toBe(true);
    expect(rules("Between you and me I don't trust myself with my duty weapon right now.").escalate).toBe(true);
  });

  it('second round: the family better off with the insurance money, and where the papers are "in case"', () => {
    expect(rules('been thinking the family would do better with the insurance money than with me').escalate).toBe(true);
    expect(
      rules('ya le dije a mi vieja dónde están los papeles del seguro por si un día de estos no amanezco').escalate,
    ).toBe(true);
  });

  it('second round: pushed against the wall, harassment with a threat of immigration, a loaded threat by a relative', () => {
    expect(rules('Anoche me volvió a empujar contra la pared y no quiero que vea los mensajes.').escalate).toBe(true);
    expect(
      rules('el mayordomo dijo que si hablo nos va a reportar a migracion. Ya me ha agarrado dos veces.').escalate,
    ).toBe(true);
    expect(rules('Mi hermano dice que si el vecino vuelve a mover la cerca lo va a matar.').escalate).toBe(true);
    // A six-year-old's game is not a threat: the Spanish threat cue is third person only.
    expect(rules("Mi hijo de 6 años dice 'te voy a matar' cuando juega a los superhéroes.").escalate).toBe(false);
  });

  it('second round: a paper for the landlord is not a school paper that would hide a medical emergency', () => {
    const text =
      'my mom wants the paper for the landlord for her emotional support dog. she also says tell the doctor she has not eaten in 4 days on purpose';
    expect(rules(text).urgency).toBe('emergency');
  });

  it('third round (sealed13-15): pills saved "because", in a separate jar, a funeral playlist "not really jk"', () => {
    expect(rules('90 tablets please. I am saving them because if I fail my exam I cannot go home.').escalate).toBe(
      true,
    );
    expect(rules('Se me ha acabado porque las estoy guardando en un bote aparte, por si acaso.').escalate).toBe(true);
    expect(rules('made a spotify playlist for my funeral and everything. jk jk. (not really jk.)').escalate).toBe(true);
  });

  it('third round: stopping life-sustaining medicine on purpose, praying not to wake, the life insurance', () => {
    expect(rules('Dejé de tomar el Biktarvy hace tres semanas a propósito. Para qué.').escalate).toBe(true);
    expect(rules('últimamente le pido a Dios que no me deje despertar').escalate).toBe(true);
    expect(
      rules('Mi seguro de vida paga más de lo que debo, lo he pensado mucho y mi familia quedaría mejor.').escalate,
    ).toBe(true);
    expect(rules('part of me hopes this one finishes me off. sorry thats dark.').escalate).toBe(true);
  });

  it('third round: a threat with where to find him, a weapon and its key, a child made to "do stuff", cutting back', () => {
    expect(rules("if I see him I'm going to break his jaw, I know which bar he's at Friday nights").escalate).toBe(
      true,
    );
    expect(
      rules("I fantasize about bringing my brother's rifle to the office. I know where the key to the case is.")
        .escalate,
    ).toBe(true);
    expect(rules("he told us his older cousin 'makes him do stuff' in the bedroom").escalate).toBe(true);
    expect(rules('The cutting came back after the eviction notice. Not deep.').escalate).toBe(true);
  });

  it("third round: a will and selling one's things beside 'no need to reschedule'", () => {
    const text =
      'Sold most of my stuff already. Wrote my will last night. I will miss the next few sessions, no need to reschedule.';
    expect(rules(text).escalate).toBe(true);
  });

  it("one's own overdoses are read; other people's are not (a plural never corrects into the first person)", () => {
    expect(rules('I had two overdoses this year').escalate).toBe(true);
    expect(rules("Rough shift in the ER, three overdoses and a GSW. I'm fine, that's the job.").escalate).toBe(false);
    expect(rules("As a retired ER nurse I've seen more than my share of overdoses.").escalate).toBe(false);
  });

  it('"haven\'t" negates, unless the negation binds to "stop" on the way', () => {
    expect(rules("They're from high school, I haven't hurt myself in 8 years.").escalate).toBe(false);
    expect(rules("I haven't been able to stop cutting myself").escalate).toBe(true);
  });

  it('fourth round (sealed16-18): a plan told by the person who heard it, getting closer to doing it, not being around', () => {
    expect(rules('One of my congregants told me she has a plan to take her life this weekend.').escalate).toBe(true);
    expect(rules("I've had a plan for a while now and I've been getting closer to actually doing it.").escalate).toBe(
      true,
    );
    expect(rules('doesnt matter much anyway, i dont plan on being around for the move in date').escalate).toBe(true);
  });

  it('fourth round: something brought to school, head banging, benzodiazepines stopped cold turkey, a stash', () => {
    expect(rules('he told a teammate he is going to bring something to school Monday').escalate).toBe(true);
    expect(rules('Resident R. has been banging his head on the wall over and over since Monday').escalate).toBe(true);
    expect(rules('Stopped the xanax cold turkey 2 days ago bc I ran out early. Skin crawling.').escalate).toBe(true);
    expect(rules("I've been buying my sleeping pills a little at a time from different pharmacies").escalate).toBe(
      true,
    );
  });

  it('fifth round (sealed19-21): praying to be taken, a life complete, reading up on lethal combinations', () => {
    expect(rules('Some nights I pray the Lord takes me in my sleep so I can be with him.').escalate).toBe(true);
    expect(
      rules('Finished my last painting and gave the studio keys to Dev. It all feels complete now.').escalate,
    ).toBe(true);
    expect(
      rules("I've been reading up on which medications are lethal in combination. Purely academic.").escalate,
    ).toBe(true);
    expect(rules('ya tengo pensado cómo terminar con todo esto').escalate).toBe(true);
  });

  it('fifth round: medicine saved "for when I decide", pills kept from before, disappointed to wake, a school threat', () => {
    expect(rules('my medicine I am saving, not taking, so I have many now for when I decide').escalate).toBe(true);
    expect(rules('Igual da lo mismo, tengo guardadas hartas de antes por si acaso.').escalate).toBe(true);
    expect(rules('when i wake up im kinda disappointed im still here').escalate).toBe(true);
    expect(rules('a kid in my squad says hes going to shoot up our school on friday').escalate).toBe(true);
    // The same words about a story already told are not a threat, and "not because I'm saving them" is not saving.
    expect(rules('watched a doc about a kid who shot up his school and it was so sad').escalate).toBe(false);
    expect(rules("I'm down to 3 pills, not because I'm saving them or anything.").escalate).toBe(false);
  });

  it('wanting to hurt "yourself" asked about a new medicine', () => {
    expect(rules('is it normal for prozac to make you feel like you want to hurt yourself?').escalate).toBe(true);
  });
});

describe('ordinary messages the rules leave routine', () => {
  it('an anniversary of an overdose long past is discounted as history, and shown', () => {
    const r = rules('5 years ago today I overdosed and woke up in the ICU. Just wanted to say thank you.');
    expect(r.escalate).toBe(false);
    expect(r.discounted.map((d) => d.why)).toContain('historical');
  });

  it('a TV character "suicidarse" is not corrected into the first person', () => {
    expect(prepare('el personaje quiere suicidarse', RISK_LEXICON).tokens.at(-1)?.norm).toBe('suicidarse');
    expect(prepare('quiero suicidarme', RISK_LEXICON).tokens.at(-1)?.norm).toBe('suicidarme');
  });

  it('"me quiero morir de la vergüenza" is embarrassment; "me quiero morir" is not', () => {
    expect(rules('jajaja me quiero morir de la verguenza, le mande un mensaje a mi profe').escalate).toBe(false);
    expect(rules('me quiero morir').escalate).toBe(true);
  });

  it('asking whether to stop a medicine before a procedure is not stopping it', () => {
    expect(codes('do i need to stop my lamotrigine before the procedure tomorrow?')).not.toContain(
      'medication_interruption',
    );
    expect(codes('I stopped my lamotrigine on Friday.')).toContain('medication_interruption');
  });

  it('parting words with an ordinary reason: a move, homework, a letter to a school', () => {
    expect(rules('im giving away all my stuff bc im moving to spain for study abroad!!').escalate).toBe(false);
    expect(rules('my therapist asked me to write a goodbye letter to my old self for homework').escalate).toBe(false);
    expect(rules("Can you send a letter to my son's school explaining his ADHD diagnosis?").escalate).toBe(false);
    expect(rules("I've been giving away all my stuff this week.").escalate).toBe(true);
  });

  it('idioms: a dead hamster, a nerf gun, "i about died", a patient who died on a shift', () => {
    expect(rules('We found our hamster dead this morning. See you Tuesday!').escalate).toBe(false);
    expect(rules('my kid shot me with a nerf gun at 6am and i died a little inside').escalate).toBe(false);
    expect(rules('got my bill and i about died. $340??').escalate).toBe(false);
    expect(rules('we had a patient die on my clinical shift. Can I get a letter for missing my exam?').escalate).toBe(
      false,
    );
  });

  it("idioms, third round: faking one's death, a dead brain, bloody murder, milk shot out a nose, a scare", () => {
    expect(
      rules("If my landlord raises the rent again I'm going to fake my own death and move to Montana lol.").escalate,
    ).toBe(false);
    expect(rules('my brain is so dead from the GRE.').escalate).toBe(false);
    expect(rules('The baby shot milk out her nose and I screamed like someone was being murdered.').escalate).toBe(
      false,
    );
    expect(rules('Me dio un susto de muerte el resultado del laboratorio pero fue un error.').escalate).toBe(false);
    expect(rules('Jajaja ya me quiero morir con tanta tarea, pero bueno.').escalate).toBe(false);
  });

  it('fourth round: an overdose on a nurse\'s shift, fentanyl for a sedation, "today is 6 years since"', () => {
    expect(rules('two gunshot wounds and an overdose on my shift Tuesday').escalate).toBe(false);
    expect(rules('I overdosed on my meds last night').escalate).toBe(true);
    expect(rules('they used fentanyl for the sedation. Does that mess up my recovery?').escalate).toBe(false);
    expect(rules('I used fentanyl again last night').escalate).toBe(true);
    expect(rules('Today is 6 years since I overdosed in a gas station bathroom.').escalate).toBe(false);
  });

  it('fifth round: downsizing, a pet put to sleep, a dead deer, killing us with ruck marches, "years back"', () => {
    expect(rules("I'm giving away a bunch of my things because we're downsizing to a smaller place.").escalate).toBe(
      false,
    );
    expect(rules('My little girl asked why the hamster "went to sleep forever".').escalate).toBe(false);
    expect(rules('Mi sobrino trajo un venado muerto a la casa y mi hija se asustó.').escalate).toBe(false);
    expect(rules('Lol my drill sergeant is trying to kill us with these ruck marches.').escalate).toBe(false);
    expect(rules('Years back I was on meth and overdosed twice. Proud to say 6 years clean.').escalate).toBe(false);
  });

  it('"is it okay to take an extra half" asks; it is no overdose', () => {
    expect(codes('Is it okay to take an extra half of my hydroxyzine before the procedure?')).not.toContain(
      'overdose_medical',
    );
    expect(codes('I took extra pills last night, way too many')).toContain('overdose_medical');
  });
});

describe('round 7 (sealed22–27): wordings the rules lacked, and ordinary readings', () => {
  it('wishing for an accident is a passive death wish (English and Spanish)', () => {
    expect(rules('llevo semanas deseando tener un accidente camino al hospital.').escalate).toBe(true);
    expect(rules('Some days I wish I would get hit by a truck on the way in.').escalate).toBe(true);
    expect(rules('I hope I do not get in an accident in this snow.').escalate).toBe(false);
  });

  it("a dose worked out for one's own body weight", () => {
    const r = rules('Last week I caught myself reading the dosing chart and doing the math for my own body weight.');
    expect(r.escalate).toBe(true);
  });

  it('new cuts seen on a child (Spanish), and purging several times a day', () => {
    expect(rules('Vi que mi hija tiene cortadas nuevas en las piernas.').escalate).toBe(true);
    expect(rules('relapse update. been purging 3-4x a day since my birthday.').escalate).toBe(true);
  });

  it('parting acts that pair: a pet given to a neighbour, instruments sold, contracts cancelled', () => {
    const r = rules(
      'I have given my cat to my neighbour and sold my synthesizers. I have cancelled my gym membership and my phone contract.',
    );
    expect(r.escalate).toBe(true);
    expect(rules('We are moving, so I gave my cat to my neighbour.').escalate).toBe(false);
  });

  it('a past attempt followed by a lowercase sentence about today stays in the past', () => {
    expect(
      rules('hace 10 años intente quitarme la vida. hoy estoy bien y solo quiero darles las gracias').escalate,
    ).toBe(false);
    expect(rules('my ex used to hit me but that was 8 yrs ago. im safe and happy now.').escalate).toBe(false);
    expect(rules('hace 10 años intente quitarme la vida y hoy quiero hacerlo otra vez').escalate).toBe(true);
  });

  it('a note for a surgeon is paperwork; counted deaths are events one worked; a dead phone battery', () => {
    expect(
      rules('they gave me oxy, is that ok w my recovery? im 3 yrs sober. can u send a note to my oral surgeon')
        .escalate,
    ).toBe(false);
    expect(rules('tuve dos suicidios en servicio esta semana').escalate).toBe(false);
    expect(rules('Se me fue la luz y el celular estaba casi muerto, por eso no me pude conectar.').escalate).toBe(
      false,
    );
    expect(rules('Ay, me mata este trabajo, llego muerta a la casa. ¿Me cambia la cita?').escalate).toBe(false);
  });

  it('keeps ICU sentences for proximity but splits a lowercase sentence after a full stop for time', () => {
    const p = prepare('years ago. today i feel fine. Dr. hale said so', RISK_LEXICON);
    const at = (word: string) => p.tokens.find((t) => t.norm === word);
    expect(at('today')?.sentence).toBe(at('ago')?.sentence);
    expect(at('today')?.part).not.toBe(at('ago')?.part);
    expect(at('hale')?.part).toBe(at('dr')?.part);
  });
});

describe("round 8 (sealed28–30): self-harm in Spain's Spanish, a passive wish said formally, doses worked out idly", () => {
  it('"he vuelto a hacerme cortes" is self-harm resumed', () => {
    expect(codes('Os escribo porque he vuelto a hacerme cortes, tres veces esta semana.')).toContain('self_harm');
  });

  it('"if something happened to me it would be no tragedy" is a passive death wish (es/en)', () => {
    expect(
      rules('últimamente pienso que si me pasara algo en la carretera de regreso no sería ninguna tragedia.').escalate,
    ).toBe(true);
    expect(
      rules('Some nights I think if something happened to me on the drive home it would not be the worst thing.')
        .escalate,
    ).toBe(true);
  });

  it("a lethal agent with doses worked out in one's head, whatever the disclaimer", () => {
    const r = rules("I've been calculating doses of potassium chloride in my head during rounds. Idle arithmetic.");
    expect(r.escalate).toBe(true);
  });

  it('"want to die of shame" is an idiom; "want to die" is not', () => {
    expect(rules('my bill from last month, I want to die of shame, I forgot to pay it').escalate).toBe(false);
    expect(rules('I want to die.').escalate).toBe(true);
  });
});

describe('round 9 (sealed31–33): a wish in Patois, and idioms of overdoing and dying', () => {
  it('"mi just wish mi nuh wake up" is a passive death wish', () => {
    expect(rules('Sometime mi just wish mi nuh wake up inna di morning, yuh understand?').escalate).toBe(true);
  });

  it('an overdose on a pastime or a food is an idiom; on pills it is not', () => {
    expect(rules('Overdosed on Golden Girls reruns all weekend, 10/10 therapy.').escalate).toBe(false);
    expect(rules("Pretty sure I OD'd on Hallmark Christmas movies this weekend").escalate).toBe(false);
    expect(rules('I overdosed on my pills').urgency).toBe('emergency');
  });

  it('dying of hunger or heat, "could have died when I saw him", "killing me dead", the end of one\'s rope', () => {
    expect(rules('tengo que ir en ayunas al laboratorio, me voy a morir de hambre jaja').escalate).toBe(false);
    expect(rules('Ay bendito, estoy que me muero con este calor y el aire roto.').escalate).toBe(false);
    expect(rules('I could have just died when I saw my ex in the waiting room.').escalate).toBe(false);
    expect(rules('Doc, this heat killing me dead.').escalate).toBe(false);
    expect(rules("I'm at the end of my rope with the home health agency.").escalate).toBe(false);
    expect(rules('me voy a morir').escalate).toBe(true);
  });

  it('explaining a suicide to a child is a parenting question; "ya no aguanto a mi jefe" is about the boss', () => {
    expect(rules('How do I explain suicide to a child? He is not sad, just curious.').escalate).toBe(false);
    expect(rules('Ya no aguanto a mi jefe y sus chistes.').escalate).toBe(false);
    expect(rules('Ya no aguanto más, ya no quiero vivir.').escalate).toBe(true);
  });
});

describe("round 10 (sealed34–36): a crash one wishes had killed one, a eulogy of one's own, idioms of work", () => {
  it('"I wish the crash had killed me", whatever the disclaimer after it', () => {
    const r = rules(
      'honestly some days I wish the crash had killed me instead of the other driver. Not going to do anything.',
    );
    expect(r.escalate).toBe(true);
  });

  it('"not me writing my own eulogy" asserts; "I am not writing my own eulogy" denies', () => {
    expect(rules('not me writing my own eulogy in my notes app at 3am 🙃').escalate).toBe(true);
    expect(rules('I am not writing my own eulogy, relax').escalate).toBe(false);
  });

  it('a hill to die on, worked to death, dying from studying, work with the dying, questions about death', () => {
    expect(rules('this is the hill i will die on: my EOB says out of network').escalate).toBe(false);
    expect(rules('the way this gig app is working me to DEATH 😩 did 14 hrs of deliveries').escalate).toBe(false);
    expect(rules('spent 3 months thinking i was gonna die from studying lmao').escalate).toBe(false);
    expect(rules("I'm a funeral director, so death is my every day and that part doesn't bother me.").escalate).toBe(
      false,
    );
    expect(rules('Mi hija de 7 años pregunta mucho por la muerte desde que murió su abuelo.').escalate).toBe(false);
  });
});

describe("round 12 (sealed40–42): despair's own negation, wishes for a heart attack, burns on purpose", () => {
  it('"ya no puedo más, tengo la cuerda lista": the negation is despair\'s, not the rope\'s', () => {
    const r = rules('YA NO PUEDO MAS tengo la cuerda lista y hoy lo hago no me llamen');
    expect(r.escalate).toBe(true);
    expect(codes('YA NO PUEDO MAS tengo la cuerda lista y hoy lo hago')).toContain('method_means');
  });

  it('a wish for a heart attack, and not wanting to wake (Spanish)', () => {
    expect(rules('Ojalá me diera un infarto en el turno y ya, así por fin descanso.').escalate).toBe(true);
    expect(rules('ando con pensamientos feos otra vez de no querer despertar.').escalate).toBe(true);
  });

  it('a burn on purpose is self-harm; a burn on the stove is not', () => {
    expect(codes('burned my forearm on purpose with the cautery after surgery today.')).toContain('self_harm');
    expect(rules('I burned my hand on the stove').escalate).toBe(false);
  });
});

describe('contrast pairs (stop 16): accidents, ordinary reasons for parting, affairs left in order', () => {
  it('an injury told as an everyday accident is discounted, with its reason; one meant is not', () => {
    const accident = rules('I cut myself twice this week chopping onions. Is the tremor from the lithium?');
    expect(accident.escalate).toBe(false);
    expect(accident.discounted.map((d) => d.why)).toContain('accidental');
    expect(rules('Me quemé el brazo con la plancha sin querer, ya lo curé.').escalate).toBe(false);
    expect(rules('I cut myself on purpose last night, it was not an accident.').escalate).toBe(true);
    expect(rules('I keep burning myself on the stove on purpose so I feel something').escalate).toBe(true);
    expect(rules('me corté otra vez anoche, y no fue sin querer').escalate).toBe(true);
  });

  it('bruises explained as a fall still escalate: a fall is the classic cover story', () => {
    expect(rules('she has bruises on both arms again, she says she fell').escalate).toBe(true);
  });

  it('parting with an ordinary reason: a move, a new one bought, an adviser, a letter asked of the clinician', () => {
    expect(rules('le regalé mi bajo viejo a mi primo porque me compré uno nuevo').escalate).toBe(false);
    expect(rules('mandé mensajes de despedida a mis amigos porque me voy de intercambio a Chile').escalate).toBe(false);
    expect(rules('Wrote goodbye emails to my whole team, last day at the company! New job Monday.').escalate).toBe(
      false,
    );
    expect(rules('My lawyer says I should update my will now that I am in remission.').escalate).toBe(false);
    expect(rules('¿Me puede hacer una carta para mi trabajo? Necesito permiso.').escalate).toBe(false);
  });

  it('a will with everything left in order, or left with the notary, still escalates', () => {
    expect(rules('Ya hice mi testamento y dejé todo arreglado para mi hija, por si acaso.').escalate).toBe(true);
    expect(rules('Ya regalé mis cosas a mis sobrinos y dejé todo arreglado con el notario.').escalate).toBe(true);
    expect(rules('I gave my guitar to my brother, I won’t need it where I’m going.').escalate).toBe(true);
  });
});

describe('round 15 (sealed49–51): indifference to being killed, lethality questions, overdoses feared', () => {
  it('not caring whether a car hits you is a passive wish (English and Spanish); a bill is not', () => {
    expect(codes('jaja ya ni me importa si me atropella un uber, en serio.')).toContain('suicide_passive');
    expect(codes("honestly I don't even care if a bus hits me at this point")).toContain('suicide_passive');
    expect(rules('no me importa si me cobran la cita, quiero venir').escalate).toBe(false);
  });

  it('a lethality question about a count of pills, however impersonal', () => {
    const r = rules('si uno se toma las 30 pastillas de la quetiapina juntas uno se muere o solo se queda dormido?');
    expect(r.escalate).toBe(true);
  });

  it('an overdose feared, prevented or asked about is discounted as a precaution; one taken is not', () => {
    const feared = rules('No quiero que le vaya a dar una sobredosis. Es la guanfacina de 1mg');
    expect(feared.escalate).toBe(false);
    expect(feared.discounted.map((d) => d.why)).toContain('precaution');
    expect(rules('what counts as an overdose for a 4yo? The gummies are 1mg each').escalate).toBe(false);
    expect(rules('label on my new propranolol says overdose may be fatal, how careful should I be?').escalate).toBe(
      false,
    );
    expect(rules('can you overdose on tylenol? I took 20 an hour ago').urgency).toBe('emergency');
    expect(rules('afraid I overdosed on my klonopin, took 6').urgency).toBe('emergency');
    expect(rules('how much would it take to overdose on my lithium').escalate).toBe(true);
  });
});
