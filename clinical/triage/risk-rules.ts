import { PASTIME_WORDS, WAKE_SCHEDULE_WORDS } from './cues.ts';
import { anyOf } from './phrase.ts';

/**
 * The deterministic risk screen's vocabulary, English and Spanish. Each rule names a risk kind; `level` is the
 * urgency the wording alone warrants (combinations can raise it, see risk.ts). Wordings are first-person or about
 * the person the writer cares for: the bare word "suicide" in a school project or a TV plot is not a risk signal.
 * Contractions appear without apostrophes ("dont", "im") because text.ts folds them away.
 */
export type RiskKind =
  | 'suicide_direct'
  | 'suicide_ideation'
  | 'suicide_passive'
  | 'preparatory_acts'
  | 'method_means'
  | 'self_harm'
  | 'harm_to_others'
  | 'abuse_child'
  | 'abuse_elder'
  | 'abuse_partner'
  | 'overdose_medical'
  | 'intoxication'
  /** Found by the frame screen (frames.ts) without a more specific kind: a clinician looks today. */
  | 'possible_risk';

export interface RiskRule {
  kind: RiskKind;
  level: 'emergency' | 'urgent';
  pattern: RegExp;
}

// Not "me": "this paperwork is killing me" is an idiom, and so is "me está matando".
const ME = '(myself|my_self|my_life)';
const END_IT = '(end|ending) (it|it_all|everything|things|my_life)';

export const RISK_RULES: readonly RiskRule[] = [
  {
    kind: 'suicide_direct',
    level: 'emergency',
    pattern: anyOf(
      `(kill|kil|killing|off) ${ME}`,
      `(want|going|gonna|plan|planning|decided|ready) ~2 ${END_IT}`,
      'take my (own )?life',
      '(commit|committing) suicide',
      'suicide (tonight|today|this_weekend|soon)',
      '(im|i_am) (going|gonna) to die (tonight|today|soon|this_weekend)',
      'end my life',
      '(going|gonna|plan|planning) to (take|swallow) (them_all|all_of_them|all_my_pills|all_my_meds|the_whole_bottle|all_of_my)',
      '(suicidarme|matarme|quitarme la vida)',
      'acabar con (todo|mi vida)',
      /(?:^| )me quiero (?:morir|matar)(?! (?:de (?:la )?(?:verguenza|risa|hambre|sueno|calor|frio|aburrimiento|pena|nervios|ganas|envidia|amor|cansancio)|con (?:tanto|tanta|tantos|tantas|este|esta|estos|estas)) )/,
      // Not "me voy a morir de hambre": dying of a feeling or a want is an idiom, as with "me quiero morir de…".
      /(?:^| )me voy a (?:morir|matar)(?! (?:de|del) (?:la )?(?:hambre|risa|verguenza|sueno|calor|frio|aburrimiento|nervios|cansancio|sed|ganas|susto)(?: |$))/,
    ),
  },
  {
    kind: 'suicide_ideation',
    level: 'urgent',
    pattern: anyOf(
      '(thinking|thoughts|think|thought) ~2 (suicide|suicidal|killing_myself|ending_it|ending_my_life|dying)',
      // No gap before "suicidal": "I'm not suicidal" must not match with its negation inside the span.
      '(feel|feeling|felt|am|im|been|getting|was) suicidal',
      '(feel|feeling|felt|am|im|been|getting|was) (so|really|very|kinda|pretty|quite|kind_of|a_little|more|super) suicidal',
      '(suicidal|suicida) (thoughts|ideation|again|lately|feelings)',
      '(pienso|pensando|pensamientos|ideas) ~2 (suicidio|suicidas|morir|matarme)',
      'ganas de morir(me)?',
      // Not "want to die of shame": dying of a feeling is an idiom, as in Spanish "morir de vergüenza".
      /(?:^| )want to die(?! (?:of|from) (?:shame|embarrassment|boredom|laughter|cringe|envy)(?: |$))/,
      'wanna die',
      'wish* (i|i_was|i_were|to_be) (was|were|dead) ~1',
      '(wish|wishing) i (was|were) dead',
      /(?:^| )quiero morir(?:me)?(?! (?:de (?:la )?(?:verguenza|risa|hambre|sueno|calor|frio|aburrimiento|pena|nervios|ganas|envidia|amor|cansancio)|con (?:tanto|tanta|tantos|tantas|este|esta|estos|estas)) )/,
      // A recent attempt is today's risk whatever follows it.
      '(my|his|her) (attempt|suicide_attempt) ~1 (last_week|last_night|yesterday|this_week|this_month|last_month|days_ago|a_few_days_ago|on_monday|on_tuesday|on_wednesday|on_thursday|on_friday|on_saturday|on_sunday|two_weeks_ago|weeks_ago)',
      '(mi|su) intento ~1 (la_semana_pasada|anoche|ayer|esta_semana|el_mes_pasado|hace_unos_dias|hace_dos_semanas)',
    ),
  },
  {
    kind: 'suicide_passive',
    level: 'urgent',
    pattern: anyOf(
      '(better|easier) ~2 without me',
      'without me around',
      '(go|going) to sleep and (not|never) wake up',
      'not wake up',
      '(hope|hoping|wish|wishing|pray|praying) ~3 (wont|dont|never|not) wake up',
      'burden to (my|everyone|them|you|the|people)',
      '(feel_like|im|i_am) (such_a|a|just_a) burden',
      '(if|when) i (wasnt|werent|was_gone|am_gone|was_not) (around|here)',
      '(nobody|no_one|noone) (would|will|is_going_to) (miss|notice|care)',
      'not (be|being) here anymore',
      // Not about a treatment or a task: "I don't see the point of continuing the group sessions" asks about therapy.
      /(?:^| )(?:dont|no longer|cant) see (?:the|a|any) (?:point|reason) (?:of|in|to|anymore)(?! (?:\S+ ){0,2}(?:treatment|therapy|group|groups|class|classes|school|meds|medication|medications|session|sessions|program|appointments|homework|worksheet|worksheets|app|portal|diet|exercise|exercises|journaling|tracking) )/,
      'no (point|reason) (in|to|of) (living|going_on|being_here|any_of_this|anything|life)',
      'point (of|in) (living|going_on|life|being_alive)',
      '(dont|do_not|no_longer) want to (be_alive|live|exist|be_here|wake_up)',
      'no quiero (vivir|estar_vivo|estar_viva|existir|estar_aqui)',
      'ya no quiero vivir',
      'no reason to (live|keep_going|go_on)',
      '(im|i_am|feel_like) a burden',
      '(cant|dont_want_to) (go_on|keep_going|do_this_anymore|be_here_anymore|live_like_this)',
      'disappear* (forever|for_good)',
      'not be here anymore',
      'what happens to me',
      'mejor sin mi',
      'una carga',
      '(ya_no|no) le encuentro sentido',
      // Not "no quiero despertar temprano": waking early is a schedule.
      new RegExp(`(?:^| )no (?:quiero|quisiera) despertar(?:me)?(?! (?:${WAKE_SCHEDULE_WORDS}))(?= |$)`),
      'no (quiero|puedo) seguir (viviendo|asi)',
      // Indifference to being killed: "ya ni me importa si me atropella un uber", "don't even care if a bus hits me".
      '(ni|no|ya_no) me (importa|importaria) si (me_muero|me_atropella*|me_mata*|me_pasa_algo|no_despierto|me_choca*|choco|me_estrello)',
      '(dont|do_not|wouldnt|would_not) (even)? (care|mind) if (i_die|i_died|i_dont_wake|i_didnt_wake|i_got_hit|i_get_hit|i_crash*)',
      '(dont|do_not|wouldnt|would_not) (even)? (care|mind) if (a|the|some) (bus|car|truck|train|uber|driver|semi) ~2 (hit|hits|ran_over|runs_over|killed|kills) me',
      'desaparecer (para_siempre)?',
    ),
  },
  {
    kind: 'preparatory_acts',
    level: 'emergency',
    pattern: anyOf(
      '(given|giving|gave|give) ~3 (things|stuff|belongings|possessions|everything) away',
      '(given|giving|gave) away ~3 (things|stuff|belongings|possessions|everything|my)',
      '(wont|will_not) (be_needing|need) (it|them|anything|my)',
      // A letter to a school, an employer or a court is paperwork, not a farewell.
      /(?:^| )letters? to (?!(?:\S+ ){0,3}(?:school|employer|work|job|landlord|court|judge|lawyer|attorney|insurance|hr|boss|teacher|university|college|dmv|va|doctor|psychiatrist) )(?:\S+ ){0,4}(?:and|so|explaining) /,
      'written (letters|a_letter|goodbye|notes)',
      '(goodbye|farewell) (letter|note|message)s?',
      '(papers|affairs|will) in order',
      'say(ing)? goodbye',
      '(this_is|this_will_be|its) my last (message|note|time|day|night)',
      'tonight is the night',
      'sorry for everything',
      '(wont|will_not|am_not_going_to|not_gonna) be (around|here) ~4 (after|anymore|much_longer|to|by|next)',
      '(give|leave|giving|leaving) my \\S+ to (my|her|him|them)',
      '(got|have) everything i need',
      'goodbye and',
      'regalo ~4 (consola|cosas|ropa|todo)',
      'ya no los? (iba|voy|va) a necesitar',
      'ya no (voy|vas|va) a necesitar',
      'regale ~3 (mis_cosas|todo|mi_ropa|mis_libros|mis)',
      '(carta|cartas|mensaje|mensajes) de despedida',
      'una carta ~6 (perdon|adios)',
      'me (estoy )?despid*',
    ),
  },
  {
    kind: 'method_means',
    level: 'urgent',
    pattern: anyOf(
      '(saving|saved|collecting) ~3 (pills|meds|medication|medications|tablets)',
      '(stockpiling|stockpiled|hoarding|hoarded|stashing|stashed)',
      '(counted|counting) ~2 (pills|meds|them)',
      'how many ~4 (it_would_take|would_kill|to_die|to_overdose|to_take)',
      // A lethality question about a count of pills, however impersonal: "si uno se toma las 30 pastillas… se muere?"
      '(si|cuantas|cuantos) ~5 (\\d+|todas|todo_el_frasco|el_frasco|la_caja) ~4 (pastillas|tabletas|pildoras|capsulas) ~8 (se_muere|me_muero|muere|moriria|me_moriria|mata|matan|mortal|letal)',
      '(have|got|bought) ~3 (rope|gun|noose|razor|blades)',
      'the rope',
      '(bought|buy|get) a (gun|rifle|pistol)',
      '(jump|jumping) (off|from) (the|a|my) (bridge|roof|building|balcony)',
      '(standing|sitting|am|im) (on|at) (the|a|my) (roof|edge|ledge|bridge|tracks|balcony)',
      '(mejor|prefiero) no despertar',
      'take them all',
      '(guardado|juntando|ahorrando) ~3 (pastillas|medicamentos)',
      '(tengo|compre) ~3 (una_pistola|un_arma|una_cuerda|la_cuerda)',
    ),
  },
  {
    kind: 'self_harm',
    level: 'urgent',
    pattern: anyOf(
      '(cut|cutting|burned|burning|hurt|hurting|harm|harming|hit|hitting) (myself|my_arm|my_arms|my_legs|my_wrists)',
      'i cut (again|last|yesterday|tonight|this)',
      'cut again',
      '(been|started|relapsed_on|back_to|keep) (cutting|burning_myself|scratching_myself)',
      '(cutting|burning|scratching) (her|his|their|my) (arms|arm|legs|wrists|thighs|skin)',
      'self (harm|harming|injury)',
      'selfharm*',
      '(cuts|cutting|burns) on (her|his|their|my) (arm|arms|legs|wrist|wrists|thigh|thighs|upper)',
      'bunch of cuts',
      '(me_corte|me_corto|cortarme|me_lastimo|me_hago_dano|lastimarme)',
      'cortes en (los|el|sus|su|mis) (brazos|brazo|piernas)',
    ),
  },
  {
    kind: 'harm_to_others',
    level: 'emergency',
    pattern: anyOf(
      '(kill|hurt|shoot|stab|beat) (him|her|them|that_guy|my_boss|my_coworker|my_ex|someone|somebody)',
      '(going|gonna|want|will|plan) to (shoot|stab|kill|strangle) (my|the|that|this|his|her)',
      '(i_have|got|grab|get) ~3 (rifle|gun|pistol|knife|shotgun)',
      '(make|going_to_make) (him|her|them) (regret|pay)',
      '(wait|waiting) for (him|her|them) (in|at|outside)',
      '(want|going|gonna|plan|planning) to (hurt|kill|shoot|stab) ~2 (someone|somebody|people|everyone|him|her|them|coworkers)',
      '(matarlo|matarla|lastimarlo|lastimarla|hacerle_dano)',
      'se va a arrepentir',
    ),
  },
  {
    kind: 'abuse_child',
    level: 'urgent',
    pattern: anyOf(
      'touching (him|her|them|me) (where|in|on)',
      '(touched|touches|touching) ~3 (private|privates|swimsuit)',
      'secret game',
      '(hits|hit|beats|beat|chokes|burned) (him|her|them|my_son|my_daughter|the_kids|my_kids) ~3 (with|until|when|every)',
      '(dad|father|stepdad|mom|mother|uncle|coach|teacher) (hits|beats|touches|touched|hurts) (me|him|her|them)',
      'leaves (him|her|them|the_kids) alone for days',
      '(le|lo|la) (toco|toca|tocaba|pega|golpea) ~3 (partes|nino|nina|hijo|hija)',
      '(abuso|abusando|abusaba) de (el|ella|mi_hijo|mi_hija)',
    ),
  },
  {
    kind: 'abuse_elder',
    level: 'urgent',
    pattern: anyOf(
      '(grandma|grandpa|grandmother|grandfather|mother|father|mom|dad|aunt|uncle) ~6 (bruises|locked|taking_her_money|taking_his_money|wont_feed|not_feeding|hitting|left_alone)',
      '(caregiver|caretaker|aide|nurse) ~4 (hits|hitting|took|taking|steals|stealing|yells|locks|locked|bruises)',
      '(abuela|abuelo) ~6 (moretones|golpea|encerrada|encerrado|dinero)',
    ),
  },
  {
    kind: 'abuse_partner',
    level: 'urgent',
    pattern: anyOf(
      '(pushed|shoved|slapped|choked|strangled|punched|hit|kicked) me',
      '(husband|wife|boyfriend|girlfriend|partner|ex) ~4 (hits|hit|hurt|hurts|choked|chokes|threatened|threatens|pushed|slapped)',
      '(afraid|scared) (of|to_go_home|to_go_back) ~3 (him|her|partner|husband|wife|boyfriend|girlfriend|home)',
      '(me_empujo|me_pego|me_golpeo|me_apreto_el_cuello|me_ahorco|me_amenazo)',
      'miedo de volver',
      'checks my phone',
      '(grabs|grabbed|grabbing|chokes|choking|squeezed) ~3 (neck|throat)',
      '(slaps|slapped|punches|punched|kicks|kicked|beats) (me|him|her|them)',
      '(me_pega|me_pego|me_golpea|me_golpeo|me_dejo_moretones)',
      'revisa mi telefono',
    ),
  },
  {
    kind: 'overdose_medical',
    level: 'emergency',
    pattern: anyOf(
      '(took|taken|swallowed) ~3 (extra|too_many|whole_bottle|all_my|bunch_of|handful)',
      // "Is it okay to take an extra half?" asks; it is not an overdose.
      'take ~3 (too_many|whole_bottle|all_my|bunch_of|handful)',
      // "an overdose on my shift" is a nurse's work; "overdosed on my meds" is not.
      // "overdosed on Hallmark movies" and "OD'd on espresso" are idioms: an overdose on a pastime or a food.
      new RegExp(
        `(?:^| )(?:overdose|overdosed|od|odd) (?:on|tonight|last)(?<! on(?= (?:my|the|our|his|her) (?:shift|unit|floor|watch|call) ))(?! (?:\\S+ ){0,3}(?:${PASTIME_WORDS})(?: |$))(?= )`,
      ),
      'i (overdosed|od)',
      '(hard|cant|cannot) ~2 (breathe|breathing|keep_my_eyes_open|stay_awake)',
      'chest (pain|hurts)',
      '(seizure|seizures|passed_out|passing_out|unconscious|fainted)',
      '(took|taken|swallowed|tome|me_tome) ~2 \\d+ ~4 (pills|tablets|meds|pastillas|of_my)',
      '(took|ate|swallowed|taken) ~2 (whole|entire|half) (pack|bottle|box|strip)',
      // "They used fentanyl for the sedation" is a procedure, not a relapse.
      /(?:^| )(?<!(?:they|doctor|doctors|nurse|nurses|hospital|anesthesia|anesthesiologist) )(?:took|taken|snorted|used) (?:\S+ ){0,2}(?:oxy|oxycodone|fentanyl|heroin|someone_elses|my_exs)(?! (?:\S+ ){0,2}(?:sedation|procedure|surgery|colonoscopy|anesthesia) )(?= )/,
      '(tome|me_tome) ~3 (pastillas|toda|todas|muchas|de_mas)',
      'no (puedo|puede) respirar',
      '(sobredosis|convulsion|inconsciente)',
    ),
  },
  {
    kind: 'suicide_ideation',
    level: 'urgent',
    // Someone else's plan, told by the person they told: a pastor, a parent, a friend.
    pattern: anyOf(
      '(plan|plans|planning|going|gonna|wants|want|thinking|thoughts|talked_about|talking_about) ~3 (take|end|taking|ending) (her|his|their) (own )?life',
      '(kill|killing) (himself|herself|themselves|themself)',
    ),
  },
  {
    kind: 'overdose_medical',
    level: 'urgent',
    // Stopping a benzodiazepine or heavy drinking all at once: withdrawal can seize.
    pattern: anyOf(
      '(stopped|quit|stopping|coming_off|came_off) ~3 (xanax|klonopin|clonazepam|ativan|lorazepam|valium|diazepam|alprazolam|benzos|benzo|alcohol|drinking) ~4 (cold_turkey|abruptly|all_at_once|overnight)',
      '(cold_turkey) ~4 (xanax|klonopin|clonazepam|ativan|lorazepam|valium|diazepam|alprazolam|benzos|benzo)',
    ),
  },
  {
    kind: 'overdose_medical',
    level: 'urgent',
    pattern: anyOf(
      '(ive_had|i_had|i_have_had|ive_survived|i_survived) ~3 overdoses',
      '(my|mis) (two|three|dos|tres|last|recent|previous|\\d+)? (overdoses|sobredosis)',
    ),
  },
  {
    kind: 'intoxication',
    level: 'urgent',
    pattern: anyOf(
      '(really|so|very|kind_of|pretty|super|extremely) (drunk|high|wasted)',
      // "It was so messed up" is an opinion; "I'm so messed up" is the writer's state.
      '(im|i_am|i_was|got|getting|feel|feeling) (really|so|very|kind_of|pretty|super|extremely)? messed_up',
      '(im|i_am|been) (drunk|high|wasted)',
      '(been|started) drinking since',
      'drinking ~2 all (day|night)',
      'drive (somewhere|drunk|like_this)',
      '(drank|drinking|downed) ~3 (bottle|vodka|whiskey|tequila|beers|shots|wine)',
      '(room|everything) is spinning',
      '(quiero|voy_a) manejar',
      '(borracho|borracha|drogado|drogada)',
      'tomando desde',
    ),
  },
];

/** Words the spelling corrector pulls misspellings toward: the long words the rules depend on. */
export const RISK_LEXICON: ReadonlySet<string> = new Set([
  'suicide',
  'suicidal',
  'myself',
  'overdose',
  'overdosed',
  'belongings',
  'possessions',
  'goodbye',
  'stockpiling',
  'strangled',
  'swallowed',
  'seizure',
  'unconscious',
  'suicidio',
  'suicidarme',
  'matarme',
  'pastillas',
  'sobredosis',
  'borracho',
  'borracha',
  'lastimarme',
  'desaparecer',
  // Plural: other people's overdoses (a shift in the ER, a character); the writer's own are read by their own rule.
  'overdoses',
  // Real words one edit from a first-person form: kept as they are, so a TV character "suicidarse" is not "I".
  'suicidarse',
  'matarse',
  'lastimarse',
  'suicidarte',
  'matarte',
]);
