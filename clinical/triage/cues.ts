import { anyOf } from './phrase.ts';

/** What one "overdoses on" in jest: pastimes and foods ("overdosed on Hallmark movies", "OD'd on espresso"). */
export const PASTIME_WORDS =
  'reruns|movies|movie|shows|show|tv|netflix|episodes|cookies|cookie|candy|chocolate|sugar|caffeine|coffee|espresso|pizza|cake|pie|food|turkey|christmas|hallmark|music|podcasts|books|sun|sunshine|family|holidays|carbs|tacos|pasta|memes|tiktok|youtube|anime|kdramas|dramas';

/** What makes not wanting to wake a schedule ("no quiero despertar temprano"), shared by the phrase rule and the cue. */
export const WAKE_SCHEDULE_WORDS = 'temprano|tarde|a las|antes|manana|tan temprano|de madrugada';

/**
 * Risk cues by class, English and Spanish, for the frame screen (frames.ts). The phrase rules (risk-rules.ts) name
 * known wordings; on new wording they caught about 4 in 10 risk messages (evals/triage/README.md). The frames work
 * one level up: a message is risk when cues of classes that mean risk together meet in one sentence or the next
 * ("researching" + "painless ways to go", "want" + "be over", "dad" … "hits" + "me"). Each class stays narrow on
 * its own, so ordinary inbox text ("refill my pills", "I want to cancel") finds at most one class and never a frame.
 * Tokens are folded (lowercase, no accents, no apostrophes): "can't" is "cant", "I'm" is "im", "cansé" is "canse".
 */
export type CueClass =
  | 'death'
  | 'intent'
  | 'despair'
  | 'despair_strong'
  | 'means'
  | 'means_focus'
  | 'quantity'
  | 'stockpile'
  | 'act'
  | 'self_harm'
  | 'violence'
  | 'abuse_strong'
  | 'substance'
  | 'medical'
  | 'prep'
  | 'prep_strong'
  | 'unsafe'
  | 'voices'
  | 'veiled'
  | 'imminent';

export const CUES: Record<CueClass, RegExp> = {
  /** Ending one's life or existence, said plainly or by euphemism. */
  death: anyOf(
    '(die|dies|died|dying|dead|death|suicid*|unalive*|kms|kys)',
    '(stopped|stop|quit|quitting|stopping) (existing|being_alive|breathing_for_good)',
    '(my|my_own) (funeral|grave|obituary|eulogy)',
    '(my_heart|my_body|my_lungs) (just|would|will|to|could)? (quit|quits|stop|stops|give_out|gives_out|give_up|stop_beating)',
    'how (quick|fast|easy|painless|simple|peaceful) (it_would_be|it_would|that_would_be|it_could_be|it_would_all_be)',
    '(not_sure|dont_know_if|dont_think|doubt) ~2 (ill|i_will|i_can|i_could|id) (make_it|be_around|be_here|last|see|still_be) ~3 (to|until|through|next|another|for|much_longer|by)',
    '(se_quiere|se_queria|se_va_a|quiere_matarse) (matar|morir|suicidar)',
    '(matarse|suicidarse|quitarse_la_vida)',
    '(crash|crashing|crashed|wreck|wrecking|wrap|wrapping) (my|the|our) (car|truck|bike) ~2 (into|off|on_purpose|around)?',
    /(?:^| )(?:wont|will not|never|not going to|not gonna) (?:be )?(?:coming|come|be) back (?!to |for |until |after |next |in |on |till |from |with |tomorrow |monday |tuesday |wednesday |thursday |friday )/,
    '(end|ending|ended|finish|finishing) (it|it_all|everything|things|my_life|my_own_life|the_pain|all_of_this|this_life)',
    '(it|this|everything|it_all|all_of_it|all_this|all_of_this|life|the_pain|my_life) ~2 (be|to_be|is|was|were|being) (over|done)',
    '(vanish|vanishing|disappear|disappearing|evaporate|cease_to_exist|stop_existing|not_exist|not_existing|stop_being|not_be_alive)',
    '(not|never|wouldnt|didnt|nuh|neva|nevah) (wake|waking|woke) up',
    'sleep (forever|and_never|and_not|for_good)',
    '(painless|quick|quickest|easy|easiest|peaceful|fastest|surest) (way|ways|method|methods|option) ~2 (to|of)?',
    '(way|ways) (out|to_go|to_end|to_do_it)',
    '(go|gone|leave|leaving) (forever|for_good|permanently|this_world|this_earth)',
    '(when|after|once|if) (im|i_am|i_was|i_were|i_m|ive) (gone|dead|not_here|not_around|no_longer_here|no_longer_around)',
    '(not|no_longer) (be|being) (here|around|alive) ~1 (anymore|much_longer|for_long|next_week|by|soon|after)?',
    'off myself',
    'check* out (for_good|early|permanently|of_life)',
    '(take|taking|took) (my|my_own) life',
    '(kill|killing|killed) (myself|my_self)',
    '(step|stepping|stepped|jump|jumping|jumped|walk|walking|drive|driving|drove|swerve|swerving|crash|crashing|fall|falling|lean|leaning) (off|in_front|into|out_in_front|over_the|off_the|into_traffic|into_the)',
    '(morir*|muero|muerte|muerto|muerta|suicid*|matarme|desaparecer|desaparezca|desaparecer*|no_despertar*|dormir_para_siempre|dejar_de_existir|no_existir)',
    '(quitarme|quitar) (la_vida|mi_vida)',
    '(aventarme|tirarme|lanzarme|arrojarme|echarme)',
    '(finish|finishes|finished|finishing) me off',
    '(lord|god|jesus) ~2 (take|takes|took|would_take|to_take) me',
    '(take|takes|took|would_take|to_take) me (in_my_sleep|home_tonight|tonight)',
    '(die|go|pass) in my sleep',
    '(lethal|fatal|deadly) (dose|doses|combination|combinations|amount|amounts|in_combination)',
    '(terminar|acabar) con (todo|todo_esto|mi_vida|esto)',
    '(last|final) (week|day|days|month|summer) on earth',
    '(no|nunca) (me_deje|me_dejes|dejarme) (despertar|vivir|amanecer)',
    '(pray|praying|ask_god|asking_god) ~3 (i|me) ~2 (dont|not|never|wont) (wake|waking|live)',
    '(no_amanezco|no_amanecer|ya_no_amanezco|no_despierto|ya_no_despierto)',
    'acabar con (todo|mi_vida|esto)',
    '(irme|ir) (para_siempre|de_este_mundo)',
    '(ya_no|no) (estar|estare|existir) ~1 (aqui|mas)?',
    'dejar de vivir',
    '(no_voy_a|ya_no_voy_a|nunca_voy_a) (volver|regresar)',
    '(que|todo) (se_acabe|termine)',
  ),
  /** Wanting, planning, considering, trying: what turns a death cue into ideation. */
  intent: anyOf(
    '(want|wanted|wanna|wants|wish|wished|wishing|hope|hopes|hoping|pray|praying|plan|planning|planned|gonna|ready|decided|deciding|intend|intending)',
    '(pido_a_dios|le_pido_a_dios|ruego_a_dios|le_ruego_a_dios|tengo_pensado|ya_tengo_pensado|ya_pense)',
    '(thinking|think|thought|thoughts|keep_thinking|considering|considered|fantasiz*|daydream*|imagine|imagining|picturing|urge|urges|tempted|tempting|obsess*)',
    '(researching|researched|looked_up|looking_up|googled|googling|searched|searching|reading_about)',
    '(rather|might|almost|tried|try|trying|attempt*|could_just|would_just|should_just|going_to|easier_to|better_to|option)',
    '(ill|i_will|im_going_to|im_gonna|i_swear|i_mean_it|on_purpose|deliberately|intentionally)',
    '(quiero|quisiera|queria|ganas|deseo|deseando|ojala|pienso|pensando|pense|pensamientos|voy_a|iba_a|planeando|intente|intento|busque|buscando|prefiero|preferiria|mejor)',
  ),
  /** Hopelessness and exhaustion with living; needs a second class to count. */
  despair: anyOf(
    '(no_point|doesnt_really_matter|doesnt_matter_anymore|doesnt_matter_anyway|hopeless|pointless|worthless|trapped|empty_inside|numb|no_way_out|nothing_left|no_future|no_hope|nothing_matters|nothing_will_change|never_get_better|wont_get_better|doesnt_get_better)',
    '(no|any|the) (point|reason|purpose) (anymore|in_anything|to_anything|to_any_of_this|in_trying)',
    '(whats|what_is) the point',
    '(give_up|giving_up|gave_up|given_up|im_done|so_done|had_enough|cant_anymore|cant_do_it_anymore|cant_do_this_anymore|cant_take_it_anymore|cant_take_this_anymore|cant_keep_doing_this)',
    '(tired|exhausted|sick) of (fighting|trying|everything|it_all|all_of_it|pretending|being_me|myself|this_life)',
    '(dont|do_not|no_longer) care (anymore|about_anything|about_myself)',
    '(sin_esperanza|no_aguanto|ya_no_aguanto|ya_no_aguanta|no_aguanta|no_aguantaba|no_puedo_mas|ya_no_puedo|me_rindo|nada_importa|sin_salida|vacio_por_dentro|vacia_por_dentro|ya_no_tiene_sentido|no_tiene_sentido|estoy_harto|estoy_harta|agotado_de_todo|agotada_de_todo)',
  ),
  /** Despair that speaks of living itself: enough alone. */
  despair_strong: anyOf(
    /(?:^| )(?:dont|do not|cant|cannot|no longer) (?:\S+ ){0,2}see (?:the|any) point (?:of|in) (?:continuing|going on|carrying on|living|any of it|keep going)(?! (?:\S+ ){0,2}(?:treatment|therapy|group|groups|class|classes|school|meds|medication|medications|session|sessions|program|appointments|homework|worksheet|worksheets|app|portal|diet|exercise|exercises|journaling|tracking) )/,
    '(running|ran|run) out of (reasons|reason) to (keep_trying|keep_going|live|go_on|stay|get_up|keep_fighting)',
    // Wishing for an accident is a passive death wish; "hope" is left out, it is as often protective ("hope I don't…").
    '(wish|wishing|wished|praying) ~2 (i|id|i_would|i_could|i_had|i_just|i_might) (would|could|had|might)? (get|got|gotten|be|been) (in|into|hit_by) (an_accident|a_car_accident|a_crash|a_wreck|a_car|a_truck|a_bus)',
    '(deseando|deseo|ojala|quisiera|queria|pido_a_dios|rezo_para) ~3 (tener|tuviera|tenga|sufrir|sufra|me_pase|me_diera|me_de|me_da) un (accidente|choque|infarto|derrame|ataque_al_corazon|paro_cardiaco)',
    '(wish|wishing|wished|praying) ~2 (i|id|i_would|i_could|i_just) (would|could|might)? (have|get|had|got) a (heart_attack|stroke|aneurysm|car_accident|fatal_accident)',
    new RegExp(
      `(?:^| )(?:no querer|no quiero|no quisiera|ojala no|no volver a|nunca mas) despertar(?:me)?(?! (?:${WAKE_SCHEDULE_WORDS}))`,
    ),
    '(wish|wished|wishing) ~4 (had|would_have|wouldve|had_just|could_have) (killed|taken) me',
    '(si_me_pasara_algo|si_me_pasa_algo|si_me_muriera|si_me_muero|si_no_despertara|si_no_volviera) ~8 (no_seria_ninguna_tragedia|no_seria_una_tragedia|no_seria_tan_malo|nadie_lo_notaria|nadie_me_extranaria|daria_igual|no_importaria|seria_un_alivio)',
    '(if_something_happened_to_me|if_anything_happened_to_me|if_i_died|if_i_didnt_wake_up|if_i_didnt_come_back|if_i_just_died) ~8 (wouldnt_be_a_tragedy|would_not_be_a_tragedy|wouldnt_be_the_worst_thing|would_not_be_the_worst_thing|no_one_would_notice|nobody_would_notice|no_one_would_miss_me|nobody_would_miss_me|wouldnt_matter|would_be_a_relief|be_a_relief)',
    '(tired|exhausted|sick|done) (of|with) (living|life|being_alive|existing|being_here|waking_up|it_all|everything|this_world|all_of_it|all_of_this)',
    '(no|any|the|a) (point|reason|purpose) (to|in|of) (living|life|being_alive|going_on|being_here|keep_going|stay|staying|live|exist|existing|wake_up|waking_up)',
    '(dont|do_not|no_longer|dont_really|never) (want|wanna|wish) to (live|be_alive|exist|be_here|wake_up|keep_living|go_on|be_around|see_tomorrow)',
    '(cant|cannot|dont_know_if_i_can|dont_think_i_can) (go_on|keep_going|keep_living|live_like_this|do_life|keep_doing_life|be_here)',
    '(better|easier|happier) (off|for_everyone|for_them|for_my_family)? ~2 (without_me|if_i_wasnt|if_i_werent|if_i_was_gone|if_i_were_gone|if_i_died|with_me_gone)',
    '(im|i_am|feel_like|feel_like_im|just|such) (a|such_a|just_a|nothing_but_a) burden',
    'burden (to|on|for) (my|everyone|them|you|people|the)',
    '(nobody|no_one|noone|no_body) (would|will|is_going_to|gonna|would_even|will_even) (miss|notice|care)',
    '(dont|do_not|doesnt) (care|matter) (what|if) (happens_to_me|i_live|i_die|i_wake_up)',
    '(dont|do_not) (really )?care what happens to me',
    '(dont|do_not) (really|much|even)? care (much|really)? what happens',
    '(whats|what_is|no) (the )?point (of|in) (me|being_alive|living|life)',
    '(canse|cansado|cansada|harto|harta|agotado|agotada) de (vivir|la_vida|existir|luchar|todo)',
    '(no|ya_no) (quiero|quisiera|tengo_ganas_de) (vivir|estar_vivo|estar_viva|existir|estar_aqui|despertar|seguir)',
    '(no_se|no_se_si) (cuanto|cuanto_mas|si_puedo) ~3 (aguantar|seguir|vivir)',
    '(mejor|estarian_mejor|estarían) ~2 sin mi',
    '(stopped|quit|refuses|refusing|refused|stopping|won|wont|will_not) (taking|to_take|take) ~3 (heart|blood_pressure|insulin|dialysis|blood_thinner|heart_pills|heart_medicine|heart_meds|his_heart|her_heart)',
    '(dejado_de_tomar|dejo_de_tomar|deja_de_tomar|deje_de_tomar|no_quiere_tomar|se_niega_a_tomar) ~6 (del_corazon|de_la_presion|insulina|a_proposito|adrede)',
    '(stopped|quit|stopping) (taking)? ~4 (insulin|dialysis|hiv|biktarvy|arvs|antiretrovirals|heart|blood_pressure|blood_thinner|transplant|chemo|chemotherapy|anti_rejection|seizure) ~4 (on_purpose|deliberately|intentionally)',
    '(irse|se_va|irme|me_voy|reunirse|reunirme) antes con (ella|el|mi_esposa|mi_esposo|mi_madre|mi_mama|mi_padre|mi_papa|dios)',
    'soy una carga',
    '(dont|do_not|not) (plan|planning|expect|expecting) (on|to) (being|be) (around|here|alive)',
    '(disappointed|upset|sad|annoyed|angry|mad) ~3 (im|i_am|to_be|that_im|i_was) (still_here|still_alive|alive|awake|still_breathing)',
    '(better|do_better|be_better_off|be_fine) ~2 with (the_insurance_money|the_life_insurance|my_life_insurance|the_insurance_payout) ~2 (than_with_me|without_me|instead)?',
    '(mejor|estarian_mejor) ~3 con (el_dinero_del_seguro|el_seguro_de_vida)',
    '(seguro_de_vida|life_insurance|mi_seguro_de_vida|my_life_insurance) ~4 (paga_mas|pays_more|cubre|covers|would_cover) ~12 (quedaria_mejor|quedarian_mejor|estaria_mejor|estarian_mejor|would_be_better|better_off)',
    '(mi_familia|my_family|my_kids|mis_hijos) (quedaria|quedarian|estaria|estarian|would_be) (mejor|better|better_off)',
    '(being|be|becoming) (a|such_a|the) burden',
    '(everyone|everybody|they|my_family|people|my_kids|my_parents) (would|will|could) ~1 (be|breathe|sleep|live) (easier|better|relieved|happier|lighter|freer)',
    '(not|isnt|aint|no_longer|wasnt|is_not|never) worth (living|it_anymore|the_fight|being_alive|the_effort_anymore)',
    '(no_vale_la_pena|ya_no_vale_la_pena) (vivir|seguir|nada)',
    '(nadie|ninguno) (me_extranaria|notaria|lo_notaria)',
    '(no_le_encuentro|no_tiene) sentido (a_la_vida|vivir|seguir)',
  ),
  /** Means of death or injury; counts only with a second class ("refill my pills" is not risk). */
  means: anyOf(
    '(pills|tablets|meds|medication|medications|capsules|tylenol|advil|benadryl|ibuprofen|acetaminophen|xanax|ambien|insulin|lithium|seroquel|oxy|sleeping_pills)',
    '(rope|noose|cord|belt|gun|guns|firearm|firearms|rifle|pistol|shotgun|handgun|revolver|bullets|ammo|knife|knives|razor|razors|blade|blades)',
    '(train|trains|freight|subway|bridge|overpass|roof|rooftop|ledge|cliff|balcony|tracks|platform|highway|parking_garage|exhaust|carbon_monoxide|charcoal|bleach|poison|antifreeze)',
    '(dosing_chart|dosage_chart|dose_chart|lethal_dose|lethal_doses|dosis_letal|tabla_de_dosis)',
    '(potassium_chloride|kcl|cloruro_de_potasio)',
    '(pastillas|pastilla|medicamentos|medicinas|cuerda|soga|pistola|arma|escopeta|cuchillo|navaja|cuchilla|navajas|puente|azotea|vias|veneno|cloro)',
  ),
  /** Attention fixed on a means: looking at it, holding it, counting it. */
  means_focus: anyOf(
    '(staring|stared|looking|looked) at (the|my|it|them|those)',
    '(look|looking|stare|staring|looked|stared|gaze|gazing) (down|over|out) (at|into|over)',
    '(looking_up|looked_up|googling|googled|researching|researched|searching|searched|checking|checked|reading_up|read_up) ~1 (which|what|how|where|the_schedule|the_times)',
    '(catching_myself|catch_myself|find_myself|keep_catching_myself|caught_myself) (thinking|looking|wondering|picturing|staring)',
    '(where|how) (he|she|they|my_dad|my_mom|my_husband|my_wife) (hides|keeps|stores|locks|hid|kept) ~2 (the_key|it|them|the_gun|the_rifle|the_pills)',
    'what it would (be_like|feel_like)',
    '(doing_the_math|did_the_math|do_the_math|calculating|calculated|calculate|worked_out|working_out|figured_out|figuring_out|calcule|calculando) ~4 (my_own_body_weight|my_body_weight|my_own_weight|mi_peso|mi_propio_peso)',
    '(calculating|calculated|calculate|working_out|figuring_out|doing_the_math_on|calculando|calcule) ~4 (in_my_head|for_myself|for_my_own|en_mi_cabeza|para_mi)',
    '(checking|checked|check|timing|timed|learned|memorized) (what_time|when|the_schedule|how_often|how_fast|how_high|how_deep)',
    '(holding|held|loaded|loading|load|cleaning|sharpened|counting|counted|lined_up|laid_out|hid|hiding|keep|keeping) ~2 (it|them|the|my|a|all)',
    '(keep|kept|keeps|cant_stop) (thinking|looking|going_back) ~3 (about|at|to)',
    '(where|what) (i|you) (keep|hid|store)',
    '(i_know|know|knows) where (the|my|his|her) ~2 (key|keys|combination|code|gun|rifle|pistol|pills|ammo|safe)',
    '(sitting|standing|parked|am|im) (on|at|in|by|near|next_to) (the|a|my)',
    '(bought|buy|buying|got|ordered|borrowed|found) (a|some|the|more|extra)',
    '(cuantas|cuantos|how_many|how_much) ~4 (would|it_would|takes|to_take|se_necesitan|necesito|hace_falta)',
    '(tengo|compre|guardo|guarde|escondi) ~2 (las|la|el|una|un|mis)',
    '(mirando|viendo|pensando_en) (las|la|el|mis)',
  ),
  /** Keeping pills back: enough alone. */
  stockpile: anyOf(
    '(to_have|have|got|keep|keeping|building|build) (a|my|up_a) (stash|stockpile)',
    '(medicine|meds|pills|medication|tablets) (i_am|im|ive_been|i_have_been|i_keep) (saving|stockpiling|hoarding)',
    '(tengo|tenia|hay) (guardadas|guardados|escondidas|escondidos|juntadas|juntados|ahorradas)',
    '(a_little_at_a_time|from_different_pharmacies|at_different_pharmacies|different_pharmacies)',
    '(saving|saved|keeping|kept|holding_onto|stashing|stashed|hiding|hid) (those|them|these|some|the_rest|the_extras) ~2 (for_later|for_a_rainy_day|for_when|just_in_case|for_a_bad_day|for_someday|for_the_end)',
    '(saving|stockpiling|hoarding|collecting) (them|those|these) (because|cause|bc|so|until|for_if|in_case)',
    '(las|los) (estoy|estaba|he_estado|vengo) (guardando|juntando|ahorrando|acumulando|escondiendo)',
    '(guardando|juntando|escondiendo|acumulando) ~4 (por_si_acaso|aparte|en_un_bote|en_un_frasco)',
    '(the|my|some|enough|extra) (pills|meds|tablets|capsules) ~2 (set_aside|put_aside|saved_up|stashed|hidden_away|ready_to_go)',
    '(saved|saving|collecting|collected|hoarding|hoarded|stockpil*|stash*|squirreled|squirreling|held_onto|holding_onto|hiding|hid|kept|keeping|put_aside|putting_aside|set_aside|setting_aside) ~3 (pills|meds|tablets|capsules|my_meds|my_pills|them_all|all_of_them|extra_pills|sleeping_pills)',
    '(guardando|juntando|ahorrando|acumulando|escondiendo|guarde|junte|escondi) ~3 (pastillas|medicamentos|medicinas)',
    '(keeping|kept|saving|saved|hiding|hid|storing|stored|stashing) (them|those|the_pills|my_pills|my_meds|the_meds|the_tablets) ~4 (jar|bag|box|drawer|in_case|hidden|somewhere|instead)',
  ),
  /** Pills in a quantity no prescription gives. */
  quantity: anyOf(
    '(whole|entire|full) (bottle|pack|box|strip|supply|month)',
    'all (of_)?(my|the|them|of_them|those) ~2 (at_once|together|at_the_same_time|in_one_go|tonight)',
    '(bunch|handful|fistful|pile|stack|stash|lot|months_worth|weeks_worth) of',
    'enough (pills|meds|tablets|to)',
    '(todas|un_monton|un_punado|muchas|demasiadas) (las_pastillas|pastillas|de_las_pastillas|de_mis_pastillas|mis_pastillas|de_pastillas)',
    '(todo_el_frasco|toda_la_caja|un_frasco|una_caja|un_bote)',
  ),
  /** A method carried out or begun: on the ledge, the car running in the garage. */
  act: anyOf(
    '(car|engine) (running|on) ~3 (garage|closed)',
    'garage ~4 (car|engine) (running|on)',
    '(a|the|my) plan and (a|the) (date|time|day)',
    '(picked|set|chose|chosen) (a|the) (date|day) ~3 (for_it|to_do_it|to_go|to_end)',
    '(rope|noose|belt|cord) ~4 (tied|up|ready|hung|around|closet|beam|ceiling|fan)',
    '(tie|tied|tying|hung|hang|hanging) (a|the|it) ~2 (rope|noose|belt|cord)',
    '(standing|sitting|am|im) (on|at) (the|a|my) (roof|edge|ledge|bridge|tracks|balcony|railing|cliff|platform)',
    '(stood|stand|sat|went|walked|climbed) ~3 (at|on|to|over) (the|a) (edge|ledge|railing|rail|roof|top_of_the)',
    '(estoy|ando|me_encuentro) (parado|parada|sentado|sentada|arriba|en) ~3 (vias|puente|azotea|techo|orilla|barranco|balcon)',
  ),
  /** Hurting oneself. */
  self_harm: anyOf(
    '(cut|cutting|cuts|burn|burned|burning|burnt|scratch|scratched|scratching|carve|carved|carving|hit|hitting|punch|punched|punching|bang|banged|banging|hurt|hurting|harm|harmed|harming|bite|biting|starve|starving) ~1 (myself|my_self|my_arm|my_arms|my_wrist|my_wrists|my_leg|my_legs|my_thigh|my_thighs|my_skin|my_stomach|my_hips)',
    '(burned|burnt|cut|scratched|carved|stabbed) (my|myself) ~2 (on_purpose|deliberately|intentionally|a_proposito)',
    '(self_harm|self_harming|selfharm*|self_injur*|sh_again)',
    '(want|wanna|wanting|urge|urges|like_you_want) to (hurt|harm|cut|kill) (yourself|urself|your_self)',
    '(cutting|self_harm|burning|hurting_myself|the_cutting|the_urges_to_cut) ~1 (came_back|is_back|started_again|returned|has_come_back|came_back_after)',
    '(banging|bangs|banged|bang|hitting|hits|slamming|slams) (his|her|their) (head|face|fists) (on|against|into)',
    '(relapsed|relapse) (on|with|into) (cutting|self_harm|burning|hurting_myself)',
    '(been|started|back_to|keep|kept|went_back_to|old_habit_of) (cutting|burning|scratching|hitting_myself|hurting_myself)',
    '(fresh|new|deep|new_fresh) (cuts|cut|scars|wounds|burns)',
    '(cuts|scars|burns|marks) on (my|her|his|their) (arm|arms|legs|wrist|wrists|thigh|thighs|stomach|hips|body)',
    '(me_estoy_cortando|me_estoy_lastimando|me_estoy_quemando|cortandome|lastimandome|quemandome|me_volvi_a_cortar)',
    '(punch|punching|punched|bang|banging|banged|smash|smashing|keep_hitting|kept_hitting) ~4 (my_own_head|my_head|my_own_face|my_face|myself)',
    '(knuckles|fists|hands) ~3 (torn|bloody|bleeding|busted|cut_up|broken|raw)',
    '(lighter|razor|blade|knife|scissors|pin|needle|compass|sharpener) (on|to|into|across) my (wrist|wrists|arm|arms|skin|thigh|thighs|legs|leg|stomach|hip|hips)',
    '(relapsed|relapse|relapsing) (on|with|into) (the)? (cutting|burning|self_harm|hurting_myself|sh|scratching|picking)',
    '(i|ive|i_just) (cut|burned|burnt) (too_deep|deeper|deep|again|myself)',
    '(used|using|use|grabbed) (the|a|my) (razor|blade|blades|knife|lighter|scissors|sharpener) (again|on_my|on_myself)',
    '(deeper|too_deep) (than|this_time)',
    'to (feel_something|feel_anything|punish_myself|feel_the_pain|feel_pain|feel_real)',
    '(me_corto|me_corte|me_quemo|me_queme|me_lastimo|me_lastime|me_rasguno|me_hago_dano|me_hice_dano|me_pego_a_mi|cortarme|quemarme|lastimarme|hacerme_dano|autolesion*)',
    'cortes en (los|el|sus|su|mis) (brazos|brazo|piernas|munecas)',
    '(cortadas|cortaduras|cortes|heridas|quemaduras|rasgunos) (nuevas|nuevos|frescas|frescos|recientes)',
    '(nuevas|nuevos|frescas|frescos) (cortadas|cortaduras|cortes|heridas|quemaduras)',
    '(cortadas|cortaduras) en (los|las|el|sus|su|mis) (brazos|brazo|piernas|pierna|munecas|muslos)',
    '(hacerme|me_hago|me_hice|me_he_hecho|hacerse|se_hace|se_hizo|se_ha_hecho|vuelto_a_hacerme) (cortes|cortadas|cortaduras|heridas|quemaduras)',
    '(been|started|back_to|keep|kept|went_back_to|relapsed_into|im) (purging|making_myself_throw_up|making_myself_sick|bingeing_and_purging)',
    '(purging|purged|throwing_up|vomiting) ~2 (\\d+|several|multiple|a_few|few|many) ~2 (x|times|a_day|per_day|daily|veces)',
    '(me_estoy_provocando|me_provoco|provocandome|vuelvo_a_provocarme) (el_vomito|vomitar)',
  ),
  /** Violence verbs; a frame needs a person as their object. */
  violence: anyOf(
    '(hurt|hurts|hurting|hit|hits|hitting|beat|beats|beating|beaten|punch|punched|punches|punching|slap|slapped|slaps|slapping|kick|kicked|kicks|kicking)',
    '(run|ran|running) (him|her|them|someone|somebody) over',
    '(put|send|land|leave) (her|him|them|someone|somebody) in (the_hospital|the_er|a_coma|the_ground|a_grave|a_wheelchair)',
    '(choke|choked|chokes|choking|strangle|strangled|strangles|strangling|shove|shoved|shoves|stab|stabbed|stabbing|shoot|shooting|shot|kill|killing|murder|attack|attacked|attacks|smack|smacked|smacks|whip|whipped|spank|spanked|burned|burns|slammed|slams|threw|throws|dragged|drags)',
    '(threaten|threatened|threatens|threatening|terrorize*|rape|raped|molest*|abuse|abused|abuses|abusing|pinned|restrain*)',
    '(pointed|pointing|aimed|aiming|points|aims) (a|the|his|her|my|one|it) ~1 (gun|rifle|pistol|shotgun|knife|weapon)? at',
    '(break|breaking|bust|busting|smash|smashing|cave|caving) (his|her|their) (jaw|neck|face|legs|nose|skull|teeth|head)',
    '(pega|pego|pegar|pegarle|golpe*|empuj*|ahorc*|amenaz*|lastim*|abus*|viol*|patea*|patada*|cachete*|maltrat*|encierra|encerr*|quema|quemo|mata|matar|matarlo|matarla|hacerle_dano)',
  ),
  /** Disclosures that need no frame. */
  abuse_strong: anyOf(
    '(pushed|shoved|slammed|threw|pinned) (me|her|him) ~2 (against|into) (the_wall|the_door|the_floor|the_counter|the_car|a_wall)',
    '(empujar|empujo|empuja|aviento|avento|estrello|estrella) ~3 contra (la_pared|el_piso|la_puerta|el_suelo|el_carro)',
    '(me|la|nos) (volvio_a|vuelve_a|volvieron_a) (empujar|pegar|golpear|ahorcar|patear|agarrar|tocar)',
    '(me_ha_agarrado|me_agarro_a_la_fuerza|me_manosea|me_manoseo|me_ha_tocado|me_ha_manoseado|nos_manosea|nos_toca)',
    '(makes|made|forces|forced|making) (him|her|them|my_son|my_daughter|our_son|our_daughter) (do|to_do) (stuff|things)',
    '(raped|sexually_assaulted|sexual_assault|molested|groped|drugged) ~2 (me|her|him|my)?',
    '(forced|made|pressured) (me|her|him) ~3 (have_sex|sex|sexual|touch|do_things)',
    '(took|taking|takes|stole|stealing|steals|using|drained|draining|cashing|cashes|pulling|pulled|withdrawing|withdrew|moving|moved) ~3 (her|his|grandmas|grandpas|moms|dads|my_moms|my_dads|my_grandmas|my_grandpas|their) ~2 (money|pension|checks|savings|card|cards|social_security|benefits|account|bank)',
    '(leaves|left|leaving|locks|locked) (me|him|her|them|the_kids|the_baby|my_grandma|my_grandpa|my_mom|my_dad) ~3 (alone|in|without_food|without_water|for_days|all_day|all_night|in_the_car)',
    '(not|isnt|wont|doesnt|hasnt|stopped|never) (feeding|feed|fed|bathing|bathed|changing|giving_her|giving_him) ~3 (her|him|them|meds|medication|food)?',
    '(bruises|bruised|welts|marks|black_eye|busted_lip) ~4 (on|her|his|my|again)',
    '(touched|touches|touching|touch|fondled|fondles) (me|her|him|them|my_son|my_daughter|my_kid|my_kids) ~3 (private*|inappropriate*|where|down_there|under|at_night|in_bed|between|sexually|in_a_way|when_no_one)',
    '(inappropriately|sexually) (touched|touches|touching)',
    '(stepdad|stepdads|uncle|uncles|brother|brothers|stepbrother|cousin|grandpa|coach|teacher|neighbor|babysitter|boyfriend|moms_boyfriend|pastor|tutor|husband|father|dad) ~4 (touches|touched|touching|fondles|fondled|molests|molested|comes_into_my_room|comes_into_her_room|comes_into_his_room|coming_into_my_room|gets_in_my_bed|gets_into_my_bed)',
    '(son|daughter|grandson|granddaughter|nephew|niece|caregiver|aide|helper|boyfriend|girlfriend) ~3 (took|taking|takes|took_over|stole|steals|using|drained|emptied|cleaned_out|spending|spent) ~3 (my|her|his) ~2 (money|savings|card|bank_card|account|checks|pension|social_security)',
    '(grabbed|grabs|choked|chokes|squeezed|held|lifted) (me|him|her|my_son|my_daughter|my_kid|the_baby|the_kids) ~2 (by_the_neck|by_the_throat|around_the_neck|by_the_hair|by_the_arm|against_the_wall)',
    '(neck|throat) ~3 (mark|marks|bruise|bruises|red)',
    '(said|told_him|told_her) no and (he|she|they) (didnt|did_not|wouldnt|kept_going|kept|did_not_stop|didnt_stop)',
    '(secret|secrets) ~3 (touching|touch|body|bodies|games|game|bath|bed)',
    '(makes|made|tells|told|make|asked|asks) (her|him|me|them) ~1 (keep|promise|swear) ~3 (secret|secrets|between_them|between_us)',
    '(texting|texts|messaging|sending) ~3 (pictures|photos|pics) ~6 (secret|late_at_night|at_night|dont_tell)',
    '(padrastro|tio|primo|abuelo|papa|padre|vecino|entrenador|maestro|novio_de_mi_mama|pareja_de_mi_mama) ~2 (me|la|lo|le) (toca|tocaba|toco|manosea|manoseaba)',
    '(me_violo|me_violaron|abuso_de_mi|abusaron_de_mi|me_forzo|me_obligo|la_toca|lo_toca|la_tocaba|lo_tocaba)',
    '(le|les) (quita|quito|saca|saco|roba|robo) ~2 (el_dinero|su_dinero|la_pension|su_pension|los_cheques)',
    '(moretones|moreton|marcas) ~3 (en|de)',
    '(me|nos|la|lo|los|las) ~2 (encerro|encierra|encerrar|encerraba|encierran)',
    '(me|le) (quito|quita|quitaron|esconde|escondio) (el_celular|el_telefono|las_llaves|el_dinero|los_papeles|el_pasaporte)',
    '(la|lo|los|las) (deja|dejan|dejo|dejaba|dejaron) (sola|solo|solos|solas|encerrada|encerrado) ~4 (dia|dias|noche|noches|sin_comida|sin_comer|entero)',
    '(sin_comida|sin_comer|llagas|sucia_y|sucio_y)',
    '(bruise|bruises|bruised) ~4 (wont_explain|cant_explain|unexplained|wont_say|doesnt_explain)',
    '(abuela|abuelita|abuelo|abuelito|mama|papa|hijo|hija|nino|nina|bebe) ~3 (moretones|moreton|marcas)',
    '(no_le_da|no_les_da|no_le_dan|no_les_dan) (de_comer|comida|sus_medicinas|sus_pastillas|agua)',
  ),
  /** Alcohol and drugs; counts with a second class or in the first person now ("I'm drunk"). */
  substance: anyOf(
    '(drunk|wasted|hammered|plastered|blackout|blacked_out|stoned|tweaking|fifth|vodka|whiskey|tequila|bourbon|booze|shots|beers|drinking|drank|alcohol|cocaine|coke|meth|heroin|fentanyl|benzos|edibles)',
    '(im|i_am|so|really|super|very|pretty|kinda|got|getting|been) high',
    '(borracho|borracha|pedo|peda|drogado|drogada|tomando|bebiendo|alcohol|tequila|cerveza|cervezas|cocaina|mota|chupando)',
  ),
  /** A medical emergency or a dose beyond any prescription. */
  medical: anyOf(
    '(cant|can_not|cannot|hard_to|struggling_to|trouble|barely|hard_time) (breathe|breathing|catch_my_breath|stay_awake|keep_my_eyes_open|feel_my|see_straight|wake_him|wake_her)',
    'chest (pain|pains|hurts|tight|tightness|pressure|is_tight)',
    '(passed|passing|blacked|blacking) out',
    '(fainted|fainting|collapsed|seizure|seizures|seizing|convulsing|unresponsive|turning_blue|lips_are_blue|heart_is_racing|heart_racing|heart_pounding|heart_is_pounding|pounding_heart|seeing_things|hallucinating|throwing_up_blood|vomiting_blood)',
    '(wont|cant|can_not) wake (him|her|them|up)',
    '(wont|cant|doesnt|will_not|isnt|not) (stop|stopping) (bleeding|the_bleeding)',
    '(soaking|soaked|bleeding) (through|into) ~2 (towel|towels|bandage|bandages|shirt|sheets)',
    '(pressure|pain|tightness|squeezing|crushing) (in|on|across) (my|the|his|her) chest',
    '(drenched|soaked|pouring|dripping) (in|with) sweat',
    'jaw ~3 (pain|pressure|hurts|aching)',
    '(arm|arms|left_arm|face|side) ~2 (numb|tingling|tingly|drooping|went_numb)',
    '(throwing_up|vomiting|purging|puking) (after|every) ~3 (eat|meal|meals|time|bite)',
    '(heart|pulse) ~2 (skips|skipping|flutters|fluttering|irregular|racing|pounding|slow|weird)',
    '(black|dark) spots',
    '(tolerance) ~2 (gone|down|low|lower|reset|is_gone)',
    '(bleeding|blood) ~3 (wont_stop|a_lot|everywhere|through|soaked)',
    '(overdose|overdosed|overdosing|od|oded|odd_on)',
    '(took|taken|swallowed|has_taken) ~5 (all_of_his|all_of_her|all_his|all_her|all_of_my|all_my|all_of_their|the_whole|the_entire) ~1 (pills|tablets|meds|medication|medicine|bottle|trazodone|sertraline|zoloft|prozac|lexapro|wellbutrin|seroquel|quetiapine|lithium|xanax|klonopin|clonazepam|ativan|lorazepam|ambien|zolpidem|tylenol|acetaminophen|insulin|oxycodone|percocet|gabapentin|lamotrigine|hydroxyzine|benadryl|sleeping_pills|heart_pills)',
    '(slurred|slurring) ~2 (speech|words|his_words|her_words)?',
    'speech ~2 (slurred|slurring)',
    '(took|taken|swallowed|ate|downed|popped|chugged|necked) ~3 (too_many|way_too_many|way_more|bunch|handful|fistful|whole|entire|several|a_lot_of|lots_of|all_of_my|all_my|all_the|all_of_the|all_his|all_her|all_their|all_of_his|all_of_her) ~3 (pills|tablets|meds|bottle|pack|at_once|of)?',
    /(?:^| )(?:took|taken|swallowed|downed|popped|ate) (?:\S+ ){0,2}(?:[5-9]|[1-9]\d+) (?:\S+ )?(?:pills|tablets|caps|capsules|tylenol|advil|benadryl|xanax|ambien|gummies|edibles|of) /,
    '(mixed|combined|took|taken|washed_down|chased) ~4 (with|and) ~3 (alcohol|drinking|wine|beer|vodka|booze|whiskey|xanax|benzos|opioids|pills|meds)',
    '(havent|have_not|not|barely) (eaten|eating|eat|kept_food_down) ~3 (in|for|since) ~2 (days|day|week|weeks)',
    '(hasnt|has_not|havent|barely|not) (eaten|eating|eat) (or|and|nor) ~3 (drink|drunk|drinking|water) ~2 (in|for|since) ~2 (days|week|weeks|monday|tuesday|wednesday|thursday|friday|saturday|sunday)',
    '(no_puedo_respirar|no_puede_respirar|dolor_de_pecho|dolor_en_el_pecho|me_desmaye|se_desmayo|desmayo|desmayando|convulsion*|sobredosis|inconsciente|no_despierta|vomitando_sangre|el_corazon_me_late)',
    '(tome|me_tome|se_tomo|trague|me_trague|se_trago|tomo) ~3 (muchas|todas|un_monton|demasiadas|el_frasco|la_caja|de_mas|un_frasco|una_caja|un_bote|toda_la|todo_el|\\d+)',
  ),
  /** Putting affairs in order, parting; alone only when the act is plain. */
  prep: anyOf(
    '(gave|give|giving|handed|left) ~3 (the_keys|my_keys|keys|the_studio_keys|the_house_keys|my_car_keys)',
    '(it_all|everything|it) (feels|is) (complete|finished|settled) now',
    '(thank_you|thanks) for all the (sessions|time|years|help)',
    '(finished|finishing) my last',
    '(sold|selling|sell) ~3 (my_stuff|most_of_my_stuff|all_my_stuff|my_things|all_my_things|most_of_my_things|everything)',
    '(given|gave|giving|handed|rehomed|rehoming) ~1 (my_cat|my_cats|my_dog|my_dogs|my_pets|my_pet|my_bird|my_rabbit|my_fish|my_horse|my_plants|my_hamster|my_snake) (to|away)',
    '(sold|selling|sell) ~1 (my_synthesizers|my_synths|my_synth|my_guitars|my_guitar|my_instruments|my_drums|my_piano|my_records|my_vinyl|my_collection|my_camera|my_gear|my_tools|my_paintings)',
    '(cancelled|canceled|cancelling|canceling|closed|closing) ~4 (phone_contract|phone_plan|gym_membership|memberships|subscriptions|bank_accounts|social_media|my_accounts)',
    '(no_need_to_reschedule|dont_bother_rescheduling|wont_need_to_reschedule|no_need_to_book|cancel_the_rest|cancel_all_my_sessions|cancel_all_my_appointments|no_hace_falta_reprogramar)',
    '(wrote|written|writing|made|finished|signed) (my|a) will',
    '(goodbye|goodbyes|farewell|last_message|final_message|last_goodbye|note_for|letters_for|letter_for|letters_to|letter_to|suicide_note|goodbye_note)',
    'note (that|saying|says|said|to_my|to_his|to_her|explaining) ~3 (sorry|goodbye|love|forgive|everything)?',
    '(instructions|arrangements|plans) for (my_cat|my_dog|my_pets|my_kids|my_plants|my_son|my_daughter|the_kids|after|when_im)',
    '(my|a) will',
    '(affairs|things|everything|papers|finances) ~3 in order',
    '(deje|dejo|tengo|dejar|dejando|dejare|puse|pongo) ~2 (todo|mis_cosas|mis_papeles|las_cosas|mis_asuntos) (arreglado|arreglados|arregladas|en_orden|listo|listos|listas)',
    '(take|taking|look|looking) (care_of|after) (my_cat|my_dog|my_kids|my_pets|my_son|my_daughter|my_plants|them|him|her) ~3 (after|when|if|for_me|once)',
    '(rehome|rehoming|rehomed|new_home_for|new_owner_for|goes_to|go_to|will_go_to) ~3 (after|when|once|if) (im|i_am|i_m|ive)',
    '(tying|tie|tied|wrapping|wrap) up (loose_ends|my_affairs|everything)',
    '(written|wrote|left|recorded) something (for|to) (my|her|him|them|everyone)',
    'for (her|him|them|someone|my_family) to find',
    '(wont|will_not|probably_wont|not) be (going|needing|using|coming) ~2 (to_it|it|them|anymore|any_of_it)',
    '(perdoname|perdonenme|perdoname_por_todo)',
    '(wont|will_not|wont_be|will_no_longer|dont) (need|needing|be_needing) ~3 (it|them|my|the|any|anything|that|this|appointments|sessions|next)',
    '(thank_you|thanks) for (everything|trying|all_you_did|all_youve_done|putting_up_with_me)',
    '(sorry|forgive_me) for (everything|being_a|all_of_it)',
    '(despedida|despedirme|despido|me_despido|adios|carta|cartas|testamento|ya_no_lo_voy_a_necesitar|ya_no_los_voy_a_necesitar|ya_no_voy_a_necesitar|gracias_por_todo|perdon_por_todo|cuiden_a|cuidar_a_mi)',
  ),
  /** Acts of parting that are plain on their own. */
  prep_strong: anyOf(
    '(playlist|songs|music|outfit|speech|flowers) (for|at) my (funeral|memorial|wake)',
    '(writing|wrote|written|drafting|drafted|working_on|finished|finishing) ~1 (my_own_eulogy|my_own_obituary|my_own_funeral_speech)',
    '(told|showed|tell|show|le_dije|le_ensene) ~3 (where|donde) ~3 (the_insurance_papers|the_will|the_life_insurance|the_policy|the_passwords|my_passwords|los_papeles|el_testamento|la_poliza|el_seguro|los_papeles_del_seguro)',
    '(given|giving|gave|give|gifted|gifting) ~3 (away|my_things|my_stuff|my_belongings|my_possessions|my_clothes|my_guitar|my_games|my_jewelry|my_books|my_collection|my_stuff)',
    '(gave|give|giving) ~2 (my|all_my) ~3 (things|stuff|belongings|possessions|clothes|guitar|games|jewelry|books|collection|console|car) (away|to)',
    '(wrote|written|writing|left|leaving|recorded) ~3 (goodbye|goodbyes|letters|a_letter|notes|a_note|videos) ~4 (everyone|my_family|my_kids|my_mom|my_parents|explaining|for_when|for_after|for_them|to_find)',
    '(regale|regalando|regalo|regalar) ~3 (mis|todo|mi)',
    '(carta|cartas|mensaje|mensajes|video) de despedida',
    '(goodbye|farewell) (emails|email|letters|letter|notes|note|messages|texts|videos|posts|video)',
    'this is (my_last|goodbye|the_last_time)',
  ),
  /** Feeling unsafe, or afraid of what oneself or another might do. */
  unsafe: anyOf(
    // A threat ("going to shoot up our school"), not a news story ("a kid who shot up his school").
    '(shoot|shooting) up (our|the|my|this) (school|class|office|work|church|mall|campus)',
    '(getting|got|gotten|come|came|coming) closer (to|and_closer_to) (actually_doing_it|doing_it|going_through_with_it|acting_on_it|following_through)',
    '(bring|bringing|brings|take|taking) (something|a_gun|a_knife|a_weapon|his_dads_gun|her_dads_gun|the_gun) (to|into) (school|class|work|the_office|campus|practice)',
    '(dont|do_not|cant|cannot|no_longer) trust myself (with|around|alone|near|anymore)',
    '(no_confio_en_mi|no_me_tengo_confianza) ~3 (con|cerca|solo|sola)?',
    '(reportar|reporta|reportarnos|reportarme|denunciar|llamar_a) ~3 (migracion|inmigracion|la_migra|ice)',
    '(report|call|calling|reporting) ~3 (ice|immigration|la_migra) ~3 (if|unless|on_me|on_us)',
    '(lo|la|los|las|le) (va_a|van_a|iba_a) (matar|golpear|balacear|disparar|ahorcar|quemar)',
    '(not|dont_feel|never_feel|no_longer_feel|dont_feel_like_im) safe',
    '(dont|do_not|no_longer|never|not) (really|always|even)? (feel|feeling)? safe',
    '(not_going|never_going|not_coming|cant_go|wont_go|refuse_to_go|afraid_to_go|scared_to_go) (home|back_home)',
    '(next_time|next) (its|it_will_be|it_could_be|ill_be) (me|you|her|him|my_turn)',
    '(put|putting|slip|slipping|mix|mixing) ~4 (in|into) (his|her|their) (food|drink|coffee|water|meds|tea)',
    '(make|making) (him|her|them) (really|so|very)? (sick|suffer|bleed)',
    '(i_can|i_could|now_i_can) fly',
    '(said|says|threatened|threatens|swore|told_me|warned_me|texted) ~4 (kill_me|hurt_me|finish_this|finish_me|end_this|end_me|finish_it|make_me_pay|regret_it|be_sorry|take_the_kids|find_me|ruin_me)',
    '(with|brought|grabbed|took|had|packed) (a|my|the) (bat|crowbar|hammer|machete|knife|gun|rifle|pistol|tire_iron) ~4 (car|truck|back_seat|his|her|their|place|house)',
    '(sat|waited|parked|waiting|sitting|drove) (outside|in_front_of|near|by|to) (his|her|their) (place|house|apartment|work|job|school)',
    '(keep|kept|cant_stop) (showering|shaking|washing)',
    '(divinely|god) (ordered|told_me|chose_me|sent_me|wants_me)',
    '(unsafe|in_danger)',
    '(afraid|scared|terrified|fear|worried|frightened) (for_my_life|of_what_i|of_what_he|of_what_she|i_might|ill_do|i_will_do|i_wont_stop|he_will|hell|she_will|shell|they_will|of_him|of_her|to_go_home|to_be_home|to_be_alone_with|for_my_kids|for_my_safety)',
    'what i might do',
    '(do|doing|did) something (stupid|drastic|i_regret|i_cant_take_back|bad|dumb|permanent)',
    '(ran|run|running) away (from_home|last_night|tonight|again)',
    '(kicked|threw) (me|him|her) out (of_the_house|last_night|tonight)',
    '(make|making|gonna_make) (him|her|them|my_\\S+|that_\\S+) (regret|suffer|pay_for_what|pay_for_firing|pay_for_leaving|pay_for_cheating|pay_for_hurting)',
    '(know|found_out|i_know) where (he|she|they) (lives|live|works|work|parks|sleeps|stays)',
    '(tell|let) (my|them|him|her|everyone) ~2 (im_sorry|i_love_them|i_love_her|i_love_him|goodbye|i_said_goodbye)',
    '(he|she|they|my_husband|my_wife|my_partner|my_ex|my_boyfriend|my_girlfriend|my_dad|my_stepdad) (said|says|threatened|threatens|swore|told_me|texted|texts|keeps_texting|keeps_texting_me|messaged|messages|keeps_messaging|keeps_calling|wrote|posted) ~6 (kill|hurt|take_the_kids|find_me|end_me|make_me_pay|regret)',
    '(knows|found_out|figured_out|tracked_down|found) where (i|we|the_kids|my|the|our) ~2 (live|lives|am|are|staying|apartment|new_apartment|house|new_place|place|work|school)',
    '(i_know|know) (which|what) (bar|gym|church|school|job|house|apartment|building|shift) (he|she|they|hes|shes|theyre) ~2 (is|goes|at|works|drinks|on)',
    '(fantasize|fantasizing|fantasise|daydream|daydreaming|imagine|imagining|picture|picturing) about ~2 (bringing|taking|shooting|hurting|killing|stabbing|running_over|making_him|making_her) ~6 (rifle|gun|pistol|knife|office|work|school|manager|boss|him|her)',
    '(no_me_siento_segura|no_me_siento_seguro|no_estoy_segura|no_estoy_seguro|miedo_de_lo_que|tengo_miedo_de_el|tengo_miedo_de_ella|miedo_de_volver|me_amenaza|me_amenazo|miedo_a_mi_esposo|miedo_a_mi_pareja)',
  ),
  /** Hearing voices that command. */
  voices: anyOf(
    '(voice|voices) ~5 (telling|tell|told|say|says|saying|want|wants|command*|order*|keep)',
    '(telling|tells|told|want|wants) me to (hurt|kill|die|do_it|jump|end|harm|cut)',
    '(las_voces|una_voz|la_voz) ~4 (dicen|dice|piden|pide|ordenan)',
  ),
  /** Saying it without saying it: pairs with a means, a death or a despair cue. */
  veiled: anyOf(
    '(for_when_i_decide|when_i_decide|for_when_i_am_ready|when_the_time_comes|cuando_me_decida|para_cuando_decida)',
    '(in_case_i_decide|in_case_i_need_them|in_case_i_want_to|in_case_things_get|you_know_what_i_mean|if_you_know_what_i_mean|if_you_get_what_im_saying|you_get_what_im_saying|if_you_catch_my_drift|read_between_the_lines|dark_joke|not_to_ride_them|not_for_what_you_think)',
    '(me_entiendes|tu_me_entiendes|usted_me_entiende|ya_sabe_a_que_me_refiero)',
  ),
  /** Now, tonight, already: what makes a risk an emergency. */
  imminent: anyOf(
    '(tonight|right_now|now|this_weekend|already|just_took|in_my_hand|in_front_of_me|on_the_bridge|today|this_morning|an_hour_ago|minutes_ago|min_ago|hours_ago|last_night)',
    '(esta_noche|ahora|ahorita|ya|hoy|hace_una_hora|hace_rato)',
  ),
};

/** A person a violence verb can land on: "hits me", "hurt my stepson", "chokes her". */
export const PERSON_OBJECT: RegExp = anyOf(
  '(me|him|her|them|us|someone|somebody|people|everyone|anybody|anyone|myself)',
  '(my|his|her|their|the|our) ~1 (son|sons|daughter|daughters|stepson|stepdaughter|kid|kids|child|children|baby|brother|sister|mom|mother|dad|father|grandma|grandpa|grandmother|grandfather|husband|wife|partner|boyfriend|girlfriend|ex|boss|manager|supervisor|landlord|coworker|coworkers|neighbor|neighbors|roommate|teacher|family|parents|face|neck|throat|head|body|arm|arms)',
  '(me|le|la|lo|les|nos) (pega|pego|golpea|golpeo|empuja|empujo|ahorca|ahorco|amenaza|amenazo|lastima|lastimo|patea|pateo|maltrata|encierra|encerro|quema)',
  '(a_mi|a_su|al|a_la|a_los) ~1 (hijo|hija|hijos|mama|papa|madre|padre|esposo|esposa|pareja|abuela|abuelo|nieto|nieta|jefe|vecino|familia|ninos|hermano|hermana|hermanito|hermanita|primo|prima|bebe|companero|companera|maestra|maestro)',
  '(a|an|the) ~1 (driver|delivery_driver|stranger|man|woman|guy|neighbor|kid|child|officer|cop|nurse|aide|caregiver|person|visitor|mailman|clerk)',
);

/** Words that make a violence verb ordinary: "hit me up", "it hit me that", "shoot me an email". */
export const VIOLENCE_IDIOM: RegExp = anyOf(
  'hit (me|us) (up|back)',
  '(heart|panic|anxiety|asthma|allergy) (attack|attacks)',
  '(attack|attacks) of',
  '(it|that|this|reality) (hit|hits|hit_me|finally_hit) ~1 (me|that|hard)?',
  '(shoot|shot) (me|us|you|him|her) (a|an|the|over|your|back)',
  '(screamed|screaming|scream|yelled|yelling|cried|crying) ~4 (bloody_murder|being_murdered|being_killed)',
  '(shot|shoots|shooting) (milk|water|juice|food|formula|spit) ~2 (out|from|across)',
  '(kill|killing|murder|murdering) (us|me) with (these|this|those|all_this|all_these|all_the|all_that)',
  '(shot|shoot|shoots|hit|hits|got|sprayed) (me|us|him|her|them) with (a|the|his|her|their|my|some) (nerf|water|paintball|airsoft|foam|squirt|snowball|snowballs|pillow|rubber_band|dart|darts|bubble)',
  'beat (me|you|us|him|her) to (it|the)',
  '(kill|killing|killed|murder|murdering) (me|it|time)',
  '(touch|touching|touched) (base|bases|on)',
  '(in|keep_in|get_in|stay_in|got_in) touch',
  'touch (me|us|you) ~1 (base|know)',
  '(threw|throw|throws) (me|us|him|her) (off|a_curveball|a_party|under_the_bus)',
  '(locked|locks|lock) (me|us|him|her|them) out ~2 (of|from)?',
  '(hurt|hurts|hurting) (my|his|her) (feelings|back|knee|ankle|shoulder|neck|foot|wrist|leg|arm|hand|hip|tooth|eyes)',
  '(my|his|her) (feelings|back|knee|ankle|shoulder|neck|foot|wrist|leg|arm|hand|hip|head|stomach|tooth|eyes) ~2 (hurt|hurts|hurting)',
  '(it|this|that) (hurts|hurt) (me|us|to)',
  'beat (me|us|them|him|her) at',
  '(grabbed|grab|grabs) (me|us|him|her) (a|an|some|lunch|coffee|dinner)',
  '(kicked|kicks|kick) (me|him|her|them|us) (off|out_of_the_portal|out_of_the_meeting|out_of_the_call|out_of_zoom)',
  '(me_mata|me_matas|me_mataste|me_esta_matando|me_muero|me_mori) ~2 (de|con)?',
);

/**
 * Sentences about a topic rather than the writer: media, school, work training, games, sport, hunting, cooking.
 * Cues inside such a sentence do not count (the phrase rules' explicit first-person wordings still do).
 */
export const TOPIC: RegExp = anyOf(
  '(leaflet|label|warning|warnings|black_box|package_insert|possible_side_effect|listed_side_effect)',
  '(documentary|podcast|novel|book|memoir|movie|film|show|series|episode|season_finale|article|essay|research_paper|term_paper|my_paper|a_paper|school_paper|thesis|presentation|training|webinar|workshop|lecture|class|course|project|assignment|report|research|study|survey|character|plot|author|song|lyrics|album)',
  '(true_crime|crime_doc|docuseries|paramedic|paramedics|emt|er_nurse|nursing_student|icu_nurse|code_blue|clinical_rotation|on_my_shift|my_patients|our_patients|at_my_meeting|na_meeting|aa_meeting|support_group)',
  '(video_game|videogame|game|games|gaming|level|boss|respawn|raid|match|tournament|fortnite|minecraft|zelda|elden|playthrough|dnd|campaign)',
  '(hunting|hunt|deer|season|range|target_practice|gun_safety|hunter|fishing|recipe|cooking|cook|chef|knife_skills|butcher|baking|oven|stove|grill)',
  '(preached|sermon|pastor|church|bible|scripture|homily)',
  '(volunteer*|crisis_line|hotline_training|prevention|awareness|walk_for|fundraiser|advocacy|nursing_school|med_school|ems_class|first_aid|cpr)',
  '(documental|podcast|novela|libro|pelicula|serie|episodio|clase|curso|proyecto|tarea|ensayo|personaje|videojuego|juego|cazar|caceria|receta|cocinar|cocina|voluntari*|prevencion)',
);

/** Death cues used figuratively or about something other than a life. */
export const DEATH_IDIOM: RegExp = anyOf(
  '(dying|dead|die|died) (to|for|tired|battery|of_laughter|laughing|of_embarrassment|of_boredom|inside_lol|lol|lmao)',
  '(died|dying|die|dead) (laughing|of_shock|of_embarrassment|of_cringe|of_shame|from_shame)',
  '(phone|battery|laptop|car|plant|plants|wifi|wi_fi|internet|power|connection|computer|charger|tablet|printer|fish|goldfish|tv|router|project|deal|idea|conversation|group_chat|hamster|gerbil|guinea_pig|bird|parakeet|parrot|rabbit|bunny|turtle|lizard|snake|frog|puppy|kitten|horse|chicken|hen|betta) ~2 (died|dead|dying|is_dead|die)',
  '(deadass|dead_ass|died_a_little|die_a_little|dying_a_little)',
  '(hamster|gerbil|fish|goldfish|dog|cat|bird|pet|rabbit|bunny|turtle|puppy|kitten) ~3 (went_to_sleep|sleep_forever|put_to_sleep|put_down)',
  '(venado|pez|perro|perrito|gato|gatito|pajaro|conejo|hamster|tortuga|pollo|gallina|marrano|cerdo) (muerto|muerta|se_murio)',
  '(fake|faking|faked) (my|my_own|his|her|our|their) ~1 death',
  '(basically|practically|pretty_much) dead (at|by|after|before|in_the|on|from)',
  '(literally|actually) (die|died|dying|dead) (if|when|of|from)',
  '(brain|brains|legs|feet) ~2 (dead|is_dead|so_dead|died)',
  '(me_tienen|me_tiene|me_dejo|me_dejaron) (muerto|muerta|muertos|muertas)',
  '(llego|llegue|llegamos|llega|llegar) (muerto|muerta|muertos|muertas)',
  '(me_muero|estoy_que_me_muero|me_estoy_muriendo|me_voy_a_morir) (de|con|del) ~2 (calor|frio|hambre|sed|risa|sueno|cansancio|verguenza|nervios|ganas|aburrimiento|este_calor|tanto_calor|susto)',
  '(killing|kill|killed) (me|us) dead',
  '(dead|die|died|dying) (with|wid) (laugh|laughter|laughing|shame)',
  '(could_have|couldve|could_of|could|coulda) (just)? (died|die) (when|of|from|right_there|on_the_spot)',
  // Explaining death or a suicide to a child is a parenting question.
  '(explain|explaining|talk_about|talking_about|tell|telling) ~4 (suicide|death|dying|died) (to|with) ~2 (a_child|my_child|kids|a_kid|my_kid|my_son|my_daughter|him|her|them|my_grandson|my_granddaughter)',
  '(end|ends) of (my|his|her|our|the|their) rope',
  `(overdose|overdosed|od|oded|odd|overdosing) on ~3 (${PASTIME_WORDS})`,
  '(no_aguanto|ya_no_aguanto|no_soporto|ya_no_soporto) (a|al)',
  '(hill) ~3 (die|died|dying) on',
  '(work|working|worked|works|workin) (me|us|him|her|them) to (death|the_bone)',
  '(shes|hes|theyre|ur|youre|you_are|she_is|he_is) (so|sooo|soo|literally|totally)? dead',
  '(die|dying|died|death) (from|of) (studying|work|homework|finals|boredom|laughing|cringe|embarrassment|exhaustion|stress|the_heat|heat|hunger)',
  // Work with the dying: "I see people die every week", "death is my every day".
  '(see|seen|saw|watch|watched|seeing|watching) (people|patients|folks|residents|someone|them) (die|dying|pass|passing)',
  '(death|dying) is (my|part_of_my|part_of_the) (every_day|everyday|job|work|daily|day_job)',
  // Questions about death, a child's or one's own, are not a wish to die.
  '(pregunta|pregunto|preguntas|preguntando|questions|asks|asking|asked|ask) ~3 (about|sobre|por|de) ~2 (death|dying|la_muerte|morir|the_afterlife|heaven|el_cielo)',
  '(celular|cel|telefono|bateria|carro|laptop|compu|computadora|internet|tablet) ~3 (muerto|muerta|se_murio|murio|se_me_murio)',
  // Counted deaths are events one saw or worked ("two suicides on shift", "tres sobredosis en una noche").
  '(two|three|four|five|six|several|multiple|dos|tres|cuatro|cinco|seis|varios|varias|\\d+) (suicides|overdoses|deaths|suicidios|sobredosis|muertes|muertos)',
  '(susto_de_muerte|muerta_de_miedo|muerto_de_miedo|muerta_de_cansancio|muerto_de_cansancio)',
  '(anniversary|aniversario) (of|de) ~3 (death|passing|suicide|muerte|fallecimiento)',
  '(patient|patients|resident|residents) ~2 (die|died|dies|dying|passed|coded)',
  '(about|almost|nearly|practically|basically) (died|had_a_heart_attack|had_a_stroke|passed_out|fainted)',
  '(me_muero|me_moriria|me_voy_a_morir) si',
  '(morir|morirme|muerta|muerto) (de|del) ~2 (verguenza|risa|hambre|sueno|calor|frio|aburrimiento|pena|nervios|cansancio)',
  '(dead|died|dying) (phone|battery|laptop|car|computer|end|line|serious|silence|tired|last|weight|ringer|center|set|wrong|giveaway)',
  '(drop_dead|deadline|deadlines|dead_end|dead_tired|deadlift|dead_serious|dead_set|dead_weight|deadbeat|dead_heat)',
  '(im|i_am|were|we_are|youre) (so|literally|actually)? dead',
  '(my|his|her|their|our|your|a) ~2 (mom|dad|mother|father|grandma|grandpa|grandmother|grandfather|brother|sister|friend|dog|cat|husband|wife|uncle|aunt|cousin|pet|son|daughter|neighbor|coworker|boss|abuela|abuelo|madre|padre|perro|gato|tia|tio) ~3 (died|passed|death|dying|dead|funeral|murio|fallecio|muerte)',
  '(death|loss|passing) of (my|her|his|their|our)',
  '(death|end) of me',
  '(died|dies) a ~1 death',
  '(script|prescription|request|order|form|application|email|claim|system|account|refill|paperwork|message|file|upload|link|router|plan) ~3 (died|dead|dying|death)',
  '(me_va_a_matar|me_van_a_matar|me_esta_matando) ~3 (jaja|jajaja|lol|de_risa)',
  '(lost|lose|losing) (a|my|our|the|two) ~1 (patient|patients|client|clients|friend|friends|brother|sister|son|daughter|cousin|classmate|coworker) to (suicide|an_overdose|overdose|cancer|covid|addiction)',
  '(death|end) of (the|my|an|a) (old|former|ego|self|relationship|era)',
  '(death_trap|death_stare|death_grip|death_metal|death_valley|deathly_afraid|death_by)',
  'suicide (mission|squad|run|doors|drill|sprint|sprints|shift|pace)',
  '(dream|dreams|dreaming|dreamt|dreamed|nightmare|nightmares) ~3 (dying|death|die|dead|died)',
  '(disappear|vanish) (for|to) (a|the|an|some) ~2 (week|weekend|while|day|days|month|vacation|cabin|island|beach|trip|nap)',
  '(anniversary|funeral|memorial|wake|obituary) (of|for) (my|her|his|their|a|our)',
  '(the_meeting|the_call|the_class|the_appointment|the_session|the_semester|the_week|the_day|the_year|the_trial|the_case|the_move|the_drama|the_fight|the_divorce|surgery) ~2 (is|was|will_be|to_be|be) (over|done)',
  '(over|done) with (it|that|this|the|my_paperwork|school|work|the_move)',
  '(dead|died) (on|in) (level|the_level|the_game|the_boss)',
  '(ways|way) (out_of|to_end_the|to_go_about|to_end_our)',
  '(end|ending|ended) (it|things) (with|between) (him|her|them|my|us)',
  '(ending|ended|end) ~1 (it|things) (with) ~2',
  '(me_muero|me_mori|muero) ~1 (de|por) ~2 (risa|hambre|sueno|ganas|calor|frio|verguenza|aburrimiento|pena|nervios|envidia|amor|cansancio)',
  '(se_murio|murio|fallecio) (mi|el|la|su)',
  '(mi|su) ~2 (mama|papa|madre|padre|abuela|abuelo|perro|gato|hermano|hermana|amigo|amiga|esposo|esposa) ~3 (murio|fallecio|se_murio|muerte)',
);

/**
 * Ordinary reasons for parting words, shared by the phrase rules (risk.ts) and the frames (frames.ts), which each
 * add their own: a donation, a downsizing, homework ("a goodbye letter to my old self").
 */
export const ORDINARY_PARTING_WORDS =
  '(goodwill|declutter*|yard_sale|garage_sale|outgrown|downsizing|downsize|smaller_place|estate_sale|homework|assignment|old_self|old_version|younger_self|exercise|worksheet)';
/**
 * Ordinary reasons told beside a parting act, in both languages: a move or a transfer, a retirement, a new one
 * bought, a size outgrown, an adviser's advice (a lawyer, a notary, a chaplain), a letter the writer asks the
 * clinician for. Shared by the phrase rules and the frames. Each is a reason, never a bare word of parting: "where
 * I'm going" is not a move.
 */
export const ORDINARY_PARTING_REASONS = [
  '(me_mudo|nos_mudamos|mudanza|me_voy_a_vivir|nos_vamos_a_vivir|trasteo|me_cambio_de_casa|me_voy_de_intercambio|intercambio)',
  '(transferring|transfer|exchange_program|new_job|last_day_at|last_month_before|new_flat|new_apartment|new_place)',
  '(retiring|retire|retired|retirement|me_jubilo|jubilacion|me_retiro)',
  '(bought_a_new|got_a_new|new_one|compre_uno_nuevo|me_compre|baje_de_talla|ya_no_me_queda|too_small|outgrew)',
  // An adviser's advice is a reason; a will "left with the notary" is not.
  '(lawyer|attorney|abogado|abogada|notario|notaria|notary|chaplain|sponsor) ~3 (says|said|suggested|recommended|advised|told_me|helped|dice|dijo|recomendo|recomienda|sugirio|ayudo|nos_ayudo|me_ayudo)',
  '(estate_planning|amends)',
  '(can_you|could_you|would_you|please|need|necesito|me_puede|me_podria|me_da|me_hace|puede_hacer|podria_hacer) ~4 (letter|note|carta|nota|constancia)',
];

/**
 * An injury told as an accident with an everyday cause: "burned my wrist on the curling iron", "me corté sin querer
 * picando cebolla". Only for self_harm (risk.ts): a fall or a door is the classic cover story for abuse, so bruises
 * explained away still escalate.
 */
export const ACCIDENT_WORDS =
  '(accidentally|accidental|by_accident|on_accident|by_mistake|sin_querer|por_accidente|accidentalmente|chopping|slicing|cooking|shaving|curling_iron|flat_iron|straightener|oven|stove|frying_pan|grill|cocinando|picando|rasurando|afeitando|plancha|horno|estufa|sarten|comal)';
/** What undoes an accident: "on purpose", "it wasn't an accident". */
export const DELIBERATE_WORDS = [
  '(on_purpose|a_proposito|adrede|de_proposito|intentionally|deliberately|apropos*)',
  '(not|wasnt|isnt|no_fue|no_era|nada_de) ~2 (accident|accidente|accidental|sin_querer)',
];

/**
 * An overdose feared, prevented or asked about in the abstract: "what counts as an overdose for a 4yo?", "no quiero
 * que le vaya a dar una sobredosis", "the label says overdose may be fatal". Undone by any word of pills taken
 * (TAKEN_WORDS): "can you overdose on tylenol? I took 20" is the oldest covert disclosure there is.
 */
export const PRECAUTION_WORDS = [
  '(avoid|avoiding|prevent|preventing|evitar|prevenir|para_no) ~3 (overdose|overdosing|overdoses|sobredosis|od|ods)',
  '(afraid_of|scared_of|worried_about|fear_of|miedo_a|miedo_de|no_quiero_que|paranoid_about) ~6 (overdose|overdosing|sobredosis|od)',
  '(what_counts_as|how_much_would|how_much_is|cuanto_seria|cant_really|cannot_really|is_it_possible_to) ~3 (overdose|an_overdose|sobredosis|od)',
  '(label|warning|prospecto|etiqueta|package_insert|leaflet) ~6 (overdose|sobredosis)',
];
export const TAKEN_WORDS =
  '(took|taken|swallowed|ingested|i_ate|he_ate|she_ate|tome|me_tome|tomo|se_tomo|trague|me_trague|se_trago)';
