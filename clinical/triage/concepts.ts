import { anyOf } from './phrase.ts';

/**
 * The recall net under the phrase rules. The phrase rules (risk-rules.ts) name a kind of risk from a known wording;
 * on wordings they had not seen they caught 3 of 20 risk messages (evals/triage/README.md). This net looks for risk
 * concepts instead — death, self-injury, pills in quantity, weapons, violence to a body, sexual touching,
 * intoxication, goodbyes — in a first-person or family frame, and escalates what it finds as `possible_risk`
 * (urgent: a clinician looks today). Idioms ("dying to", "killed it", "me muero de risa"), grief about someone
 * else's death and media or school topics are subtracted first.
 */
export const CONCEPTS: RegExp = anyOf(
  '(die|died|dying|dead|death|suicide|suicidal|suicidio|noose|hang|hanging|overdose|overdosed|poison*|funeral|alive)',
  '(on_purpose|intentionally) ~3 (crash*|drive_off|walk_into|step_in_front)',
  '(crash*|drive_off|step_in_front) ~4 on purpose',
  '(wrote|written|made|updated) (a|my) will',
  '(kill|killed|killing|murder|shoot|stab|strangle|choke|choked|slammed|punched|slapped|kicked|beat|beats|beaten)',
  '(cut|cutting|cuts|razor|blade|blades|bleeding|blood|burned|burning|scratching|scars)',
  '(pills|tablets|meds|pastillas|frasco) ~3 (all|whole|bottle|handful|bunch|at_once|frasco|todas|note)',
  '(all|whole|bottle_of|handful_of|bunch_of) ~2 (his|her|my|their)? ~1 (pills|tablets|meds)',
  '(gun|guns|rifle|pistol|knife|knives|weapon|bat|machete|arma|pistola|cuchillo|bate)',
  'know where (he|she|they) (lives|live|works|work|parks)',
  'make (him|her|them|my_\\S+) pay',
  '(run|ran) (him|her|them) over',
  '(blacking|blacked) out',
  '(vomiting|vomitando|unconscious|not_breathing|numb|seizure|overdosing)',
  '(car|engine) running',
  '(wont|will_not|not) ~1 (be_coming_back|come_back|be_here|be_around)',
  '(goodbye|goodbyes|farewell|adios|despedida|despedirme)',
  '(plan|date) and a (date|plan)',
  '(worth_living|stopped_existing|stop_existing|relieved_if_i|better_if_i_was_gone)',
  '(touch*|toca|tocaba|toco|molest*|rape*|abus*|grope*|groping)',
  '(bruise*|moreton*|grita|gritan|no_le_da_de_comer|wont_feed|not_feeding|locks_(him|her))',
  '(taking|took|takes|steals|stealing|stole) ~2 (his|her|their) (money|pension|checks|savings|bank_card|social_security)',
  '(yells|screams|hits) at (him|her|them) until',
  '(morir|muerte|muerto|muerta|matar*|quitarme|cortando|cortarme|golpe*|pega|pego|puente|alivio_no_estar|no_puedo_mas|no_estar)',
);

/** Figurative uses, other people's deaths and topics: a concept hit inside one of these does not count. */
export const NOT_RISK: RegExp = anyOf(
  '(dying|dead|die) (to|for|tired|battery|of_laughter|laughing|of_embarrassment)',
  '(died|dying|die) (laughing|of_shock|of_embarrassment)',
  '(phone|battery|laptop|car|plant|plants|wifi|computer) ~2 (died|dead|dying|is_dead)',
  '(killed|kill|killing|nailed|crushed) (it|that|the_presentation|my_presentation)',
  '(is|are|was|its|been) ~1 (killing|murder|murdering) ~1 (me|my)',
  '(killing|murdering|murder) (me|my_budget|my_wallet)',
  'would kill for',
  'death of me',
  '(is|been|am|so|totally|absolutely) slammed',
  '(paperwork|work|this|it|deadline|commute|traffic|bills|copay|job|school|class) ~3 (kill|killing|murder|murdering|death) ~1 (me|my)',
  '(dead|died|dying) (phone|battery|laptop|car|computer)',
  'kill for',
  '(traffic|work|this|it) (was|is) murder',
  '(mom|dad|mother|father|grandma|grandpa|grandmother|grandfather|brother|sister|friend|dog|cat|husband|wife|uncle|aunt|cousin|pet) ~1 (died|passed|death|dying)',
  '(death|loss) of (my|her|his|their)',
  '(budget|pay|hair|price|prices|cost|costs) ~1 (cut|cuts)',
  'cut (back|down|off|costs|the|my_hours|class)',
  '(touch|touching) (base|bases)',
  'in touch',
  'keep (in_touch|me_posted)',
  '(me_muero|me_mori|me_mataste|me_esta_matando|me_mata) ~2 (de|con)?',
  '(prevention|awareness|project|report|documentary|show|movie|book|memoir|season|episode|character|classmate|group|friend)',
  '(prevencion|proyecto|escuela|pelicula|serie|libro|amiga|amigo)',
  'weapon of choice',
);

/** First person, or family the writer is responsible for: who the concept must be about to count. */
export const SELF_OR_FAMILY: RegExp = anyOf(
  '(i|me|my|myself|im|ive|id|ill|mine|mi|mis|yo|me|estoy|tengo)',
  // Spanish drops the pronoun: first-person verbs stand for it.
  '(pienso|quiero|siento|puedo|estoy|tengo|voy|necesito|creo|sueno|pense|quise|hice|tome|estaba|tenia|veo)',
  '(son|daughter|child|kid|kids|teen|teenager|husband|wife|partner|boyfriend|girlfriend|hijo|hija|esposo|esposa|padrastro|grandpa|grandma|abuelo|abuela|abuelita|abuelito|nieto|nieta|year_old|years_old)',
  '(sons|daughters|childs|kids|husbands|wifes|partners|boyfriends|girlfriends|grandpas|grandmas|dads|moms)',
);

/** Concepts that speak for themselves, whoever the clause names: "life isn't worth living". */
export const SELF_EVIDENT: RegExp = anyOf(
  '(noose|worth_living|stopped_existing|stop_existing|not_breathing|car_running|engine_running)',
);
