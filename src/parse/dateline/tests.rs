//! The dateline tables: leads in the styles of many desks, ordinary openings that
//! must stay prose, and leads that deserve a warning (formatting and property tests: `format_tests.rs`).

use super::*;

/// `(lead, place, date as written, (month, day) with 0 for none, agencies joined
/// by `|`, the story text that follows)`.
pub(super) type Case = (
    &'static str,
    &'static str,
    &'static str,
    (u32, u32),
    &'static str,
    &'static str,
);

#[rustfmt::skip]
pub(super) const LEADS: &[Case] = &[
    // Pakistani agencies: APP, PPI, NNI, Online, INP, DNA.
    ("NEW YORK, SEPT 22 (DNA) – The UN chief said", "NEW YORK", "SEPT 22", (9, 22), "DNA", "The UN chief said"),
    ("NEW YORK, SEPT 22 (AFP/APP/DNA) – Leaders met", "NEW YORK", "SEPT 22", (9, 22), "AFP|APP|DNA", "Leaders met"),
    ("BONN, JUN 16 (AZERTAC/APP/DNA):Azerbaijan is ...", "BONN", "JUN 16", (6, 16), "AZERTAC|APP|DNA", "Azerbaijan is ..."),
    ("ISLAMABAD, JUNE 16 (APP) — Prime Minister", "ISLAMABAD", "JUNE 16", (6, 16), "APP", "Prime Minister"),
    ("LAHORE, JULY 27 (PPI) - Rain lashed", "LAHORE", "JULY 27", (7, 27), "PPI", "Rain lashed"),
    ("ISLAMABAD, Dec 6 (APP):The National Assembly", "ISLAMABAD", "Dec 6", (12, 6), "APP", "The National Assembly"),
    ("ISLAMABAD (Online): The federal government", "ISLAMABAD", "", (0, 0), "Online", "The federal government"),
    ("KARACHI (APP) – Sindh", "KARACHI", "", (0, 0), "APP", "Sindh"),
    ("KARACHI(APP)-Sindh", "KARACHI", "", (0, 0), "APP", "Sindh"),
    ("KARACHI (APP) Sindh's cabinet met", "KARACHI", "", (0, 0), "APP", "Sindh's cabinet met"),
    ("KARACHI (NNI) – Traders", "KARACHI", "", (0, 0), "NNI", "Traders"),
    ("QUETTA, FEB 29 (APP) – Snow", "QUETTA", "FEB 29", (2, 29), "APP", "Snow"),
    ("MULTAN, AUG 3 (AFP / APP) – Heat", "MULTAN", "AUG 3", (8, 3), "AFP|APP", "Heat"),
    ("DERA ISMAIL KHAN, MAY 12 (APP) – Officials", "DERA ISMAIL KHAN", "MAY 12", (5, 12), "APP", "Officials"),
    ("HYDERABAD, MAR 9 (AFP/APP)\u{a0}–\tFloods", "HYDERABAD", "MAR 9", (3, 9), "AFP|APP", "Floods"),
    ("PESHAWAR, Sept. 22 (AP) -- Police said", "PESHAWAR", "Sept. 22", (9, 22), "AP", "Police said"),
    ("GILGIT, OCT 2 (INP) – Tourists", "GILGIT", "OCT 2", (10, 2), "INP", "Tourists"),
    ("FAISALABAD, NOV 11 (Online) – Textile", "FAISALABAD", "NOV 11", (11, 11), "Online", "Textile"),
    ("MUZAFFARABAD, JAN 3 (APP) – Snowfall", "MUZAFFARABAD", "JAN 3", (1, 3), "APP", "Snowfall"),
    ("SIALKOT, APRIL 20 (PPI) – Exporters", "SIALKOT", "APRIL 20", (4, 20), "PPI", "Exporters"),
    // Staff copy, no agency.
    ("KARACHI, JUN 17 – The water board", "KARACHI", "JUN 17", (6, 17), "", "The water board"),
    ("KARACHI: The Sindh government", "KARACHI", "", (0, 0), "", "The Sindh government"),
    ("Karachi, June 17 – Traders shut", "Karachi", "June 17", (6, 17), "", "Traders shut"),
    ("LAHORE - The Punjab government", "LAHORE", "", (0, 0), "", "The Punjab government"),
    ("ISLAMABAD: Prime Minister", "ISLAMABAD", "", (0, 0), "", "Prime Minister"),
    ("PESHAWAR: 12 people were hurt", "PESHAWAR", "", (0, 0), "", "12 people were hurt"),
    ("QUETTA: \"We will not leave,\" she said.", "QUETTA", "", (0, 0), "", "\"We will not leave,\" she said."),
    ("RAWALPINDI – Metro buses", "RAWALPINDI", "", (0, 0), "", "Metro buses"),
    ("DERA GHAZI KHAN: Floodwater", "DERA GHAZI KHAN", "", (0, 0), "", "Floodwater"),
    ("THE HAGUE: Judges", "THE HAGUE", "", (0, 0), "", "Judges"),
    ("**KARACHI:** The city", "KARACHI", "", (0, 0), "", "The city"),
    ("Peshawar, Dec 6: The provincial cabinet", "Peshawar", "Dec 6", (12, 6), "", "The provincial cabinet"),
    ("PLACE, DEC 6 – Write the lead here.", "PLACE", "DEC 6", (12, 6), "", "Write the lead here."),
    ("MIRPUR KHAS, Aug 9 - Cotton growers", "MIRPUR KHAS", "Aug 9", (8, 9), "", "Cotton growers"),
    ("Lahore, Sept 2 - Smog", "Lahore", "Sept 2", (9, 2), "", "Smog"),
    ("Gwadar, March 30 — Fishermen", "Gwadar", "March 30", (3, 30), "", "Fishermen"),
    // Reuters.
    ("LONDON (Reuters) - Sterling edged", "LONDON", "", (0, 0), "Reuters", "Sterling edged"),
    ("LONDON, September 22 (Reuters) – Sterling", "LONDON", "September 22", (9, 22), "Reuters", "Sterling"),
    ("ROME, March 13, Reuter - Italy's", "ROME", "March 13", (3, 13), "Reuter", "Italy's"),
    ("BRUSSELS, April 2, Reuter - The", "BRUSSELS", "April 2", (4, 2), "Reuter", "The"),
    ("RIO DE JANEIRO, MARCH 3 (Reuters) – Brazil", "RIO DE JANEIRO", "MARCH 3", (3, 3), "Reuters", "Brazil"),
    ("SANA’A, DEC 3 (Reuters) – Yemen", "SANA’A", "DEC 3", (12, 3), "Reuters", "Yemen"),
    ("HONG KONG, Jan 2 (Reuters) - Hong Kong stocks", "HONG KONG", "Jan 2", (1, 2), "Reuters", "Hong Kong stocks"),
    ("GENEVA, July 4 (Reuters) - The WHO", "GENEVA", "July 4", (7, 4), "Reuters", "The WHO"),
    ("The Hague, March 5 (Reuters) - The court", "The Hague", "March 5", (3, 5), "Reuters", "The court"),
    ("FRANKFURT, Oct 1 (Reuters) - The ECB", "FRANKFURT", "Oct 1", (10, 1), "Reuters", "The ECB"),
    ("SINGAPORE, Feb 14 (Reuters) - Asian shares", "SINGAPORE", "Feb 14", (2, 14), "Reuters", "Asian shares"),
    ("NEW YORK/LONDON, May 3 (Reuters) - Oil", "NEW YORK/LONDON", "May 3", (5, 3), "Reuters", "Oil"),
    // AP and UPI.
    ("WASHINGTON (AP) — The Supreme Court", "WASHINGTON", "", (0, 0), "AP", "The Supreme Court"),
    ("WASHINGTON, March 23 - The Senate", "WASHINGTON", "March 23", (3, 23), "", "The Senate"),
    ("NEW YORK, Oct. 20 - Shares", "NEW YORK", "Oct. 20", (10, 20), "", "Shares"),
    ("NEW YORK, April 9 -- The council", "NEW YORK", "April 9", (4, 9), "", "The council"),
    ("ROTTERDAM, April 1- Port officials", "ROTTERDAM", "April 1", (4, 1), "", "Port officials"),
    ("SOUTH BEND, Ind., April 1 - A judge", "SOUTH BEND, Ind.", "April 1", (4, 1), "", "A judge"),
    ("MONTVALE, N.J., March 18 - The chain", "MONTVALE, N.J.", "March 18", (3, 18), "", "The chain"),
    ("GREENWICH, CONN, June 29 - The fund", "GREENWICH, CONN", "June 29", (6, 29), "", "The fund"),
    ("Calgary, Alberta, March 16 - Oil", "Calgary, Alberta", "March 16", (3, 16), "", "Oil"),
    ("TAUPO, New Zealand, March 23 - A quake", "TAUPO, New Zealand", "March 23", (3, 23), "", "A quake"),
    ("GEORGETOWN, Grand Cayman, British West Indies, March 25 - Bankers", "GEORGETOWN, Grand Cayman, British West Indies", "March 25", (3, 25), "", "Bankers"),
    ("New York, March 24 - The museum", "New York", "March 24", (3, 24), "", "The museum"),
    ("****RIO DE JANEIRO, March 5 - Carnival", "RIO DE JANEIRO", "March 5", (3, 5), "", "Carnival"),
    ("**** RIO DE JANEIRO, March 5 - Carnival", "RIO DE JANEIRO", "March 5", (3, 5), "", "Carnival"),
    ("JOHANNESBURG March 13 - Gold miners", "JOHANNESBURG", "March 13", (3, 13), "", "Gold miners"),
    ("NAIROBI, Kenya, May 2 (AP) - Kenya's", "NAIROBI, Kenya", "May 2", (5, 2), "AP", "Kenya's"),
    ("ADDIS ABABA, Ethiopia (AP) — Ethiopia's", "ADDIS ABABA, Ethiopia", "", (0, 0), "AP", "Ethiopia's"),
    ("KARACHI, Pakistan (APP) – text", "KARACHI, Pakistan", "", (0, 0), "APP", "text"),
    ("MANILA, Sept 9 (AP) - A typhoon", "MANILA", "Sept 9", (9, 9), "AP", "A typhoon"),
    ("OTTAWA, Nov. 30 (UPI) -- Canada", "OTTAWA", "Nov. 30", (11, 30), "UPI", "Canada"),
    ("WASHINGTON, March 23 (UPI) -- The", "WASHINGTON", "March 23", (3, 23), "UPI", "The"),
    ("WASHINGTON D.C., MARCH 8 (AP) – Congress", "WASHINGTON D.C.", "MARCH 8", (3, 8), "AP", "Congress"),
    ("McALLEN, Texas, Jan 9 (AP) - Border", "McALLEN, Texas", "Jan 9", (1, 9), "AP", "Border"),
    ("ST. LOUIS, Mo., Feb. 2 - The", "ST. LOUIS, Mo.", "Feb. 2", (2, 2), "", "The"),
    ("WINSTON-SALEM, N.C., June 1 - A", "WINSTON-SALEM, N.C.", "June 1", (6, 1), "", "A"),
    ("Fort Worth, Texas, Aug. 4 - Rain", "Fort Worth, Texas", "Aug. 4", (8, 4), "", "Rain"),
    ("UNITED NATIONS (AP) — The Security Council", "UNITED NATIONS", "", (0, 0), "AP", "The Security Council"),
    ("SAN JUAN, Puerto Rico (AP) — Power", "SAN JUAN, Puerto Rico", "", (0, 0), "AP", "Power"),
    // AFP.
    ("PARIS, Jan 5 (AFP) - France will", "PARIS", "Jan 5", (1, 5), "AFP", "France will"),
    ("PARIS, SEP 1 (AFP) – France", "PARIS", "SEP 1", (9, 1), "AFP", "France"),
    ("TOKYO, Jun. 6 (AFP) – Japan", "TOKYO", "Jun. 6", (6, 6), "AFP", "Japan"),
    ("MOSCOW, JAN 31 (AFP) – Russia", "MOSCOW", "JAN 31", (1, 31), "AFP", "Russia"),
    ("SÃO PAULO, APRIL 9 (AFP) – Markets", "SÃO PAULO", "APRIL 9", (4, 9), "AFP", "Markets"),
    ("SA\u{303}O PAULO, Apr. 9 (AFP) – Decomposed", "SA\u{303}O PAULO", "Apr. 9", (4, 9), "AFP", "Decomposed"),
    ("ST. PETERSBURG, OCT 4 (AFP) – Russia", "ST. PETERSBURG", "OCT 4", (10, 4), "AFP", "Russia"),
    ("N'DJAMENA, NOV 30 (AFP) – Chad", "N'DJAMENA", "NOV 30", (11, 30), "AFP", "Chad"),
    ("GUINEA-BISSAU, MAY 5 (AFP) : Voters", "GUINEA-BISSAU", "MAY 5", (5, 5), "AFP", "Voters"),
    ("_KABUL, APR 2 (AFP)_ – Italic credit", "KABUL", "APR 2", (4, 2), "AFP", "Italic credit"),
    ("KABUL, APR 2 (AFP)–Taliban", "KABUL", "APR 2", (4, 2), "AFP", "Taliban"),
    ("LONDON, SEPT (AFP) – Britain", "LONDON", "SEPT", (9, 0), "AFP", "Britain"),
    ("Geneva, July 4 (AFP) – Swiss voters", "Geneva", "July 4", (7, 4), "AFP", "Swiss voters"),
    ("ABIDJAN, Ivory Coast, Feb 3 (AFP) - Cocoa", "ABIDJAN, Ivory Coast", "Feb 3", (2, 3), "AFP", "Cocoa"),
    ("DAKAR, 12 March (AFP) - Senegal", "DAKAR", "12 March", (3, 12), "AFP", "Senegal"),
    // PTI, IANS, ANI, UNI (India).
    ("New Delhi, Dec 6 (PTI) The government", "New Delhi", "Dec 6", (12, 6), "PTI", "The government"),
    ("NEW DELHI, OCT 2 (Press Trust of India) – India", "NEW DELHI", "OCT 2", (10, 2), "Press Trust of India", "India"),
    ("Chennai, Aug 15 (PTI) Tamil Nadu", "Chennai", "Aug 15", (8, 15), "PTI", "Tamil Nadu"),
    ("Mumbai, Jan 20 (PTI) Equity benchmark", "Mumbai", "Jan 20", (1, 20), "PTI", "Equity benchmark"),
    ("SRINAGAR, Jan 9 (IANS) Heavy snow", "SRINAGAR", "Jan 9", (1, 9), "IANS", "Heavy snow"),
    ("New Delhi [India], Dec 6 (ANI): The Election", "New Delhi [India]", "Dec 6", (12, 6), "ANI", "The Election"),
    ("Kolkata, March 2 (UNI) The state", "Kolkata", "March 2", (3, 2), "UNI", "The state"),
    ("Bengaluru, Nov 1 (IANS) Karnataka", "Bengaluru", "Nov 1", (11, 1), "IANS", "Karnataka"),
    // Xinhua, Kyodo, Yonhap, Bernama, Antara and other Asian desks.
    ("BEIJING, Dec. 6 (Xinhua) -- China's exports", "BEIJING", "Dec. 6", (12, 6), "Xinhua", "China's exports"),
    ("BEIJING, JUN 06 (Xinhua) – China", "BEIJING", "JUN 06", (6, 6), "Xinhua", "China"),
    ("Kabul, Feb 14 (Xinhua) -- Afghan", "Kabul", "Feb 14", (2, 14), "Xinhua", "Afghan"),
    ("TOKYO, Dec. 6 Kyodo - Japan's cabinet", "TOKYO", "Dec. 6", (12, 6), "Kyodo", "Japan's cabinet"),
    ("SEOUL, Dec. 6 (Yonhap) -- North Korea", "SEOUL", "Dec. 6", (12, 6), "Yonhap", "North Korea"),
    ("SEOUL, 22 SEPT (Yonhap) – Korea", "SEOUL", "22 SEPT", (9, 22), "Yonhap", "Korea"),
    ("KUALA LUMPUR, Dec 6 (Bernama) -- The ringgit", "KUALA LUMPUR", "Dec 6", (12, 6), "Bernama", "The ringgit"),
    ("JAKARTA, Oct 2 (Antara) - Indonesia", "JAKARTA", "Oct 2", (10, 2), "Antara", "Indonesia"),
    ("DHAKA, Dec 6, 2024 (BSS) - Bangladesh", "DHAKA", "Dec 6, 2024", (12, 6), "BSS", "Bangladesh"),
    ("HANOI, March 8 (VNA) - Vietnam", "HANOI", "March 8", (3, 8), "VNA", "Vietnam"),
    ("COLOMBO, July 19 (Xinhua) -- Sri Lanka", "COLOMBO", "July 19", (7, 19), "Xinhua", "Sri Lanka"),
    // European desks: dpa, TASS, Interfax, EFE, ANSA.
    ("Berlin (dpa) - German carmakers", "Berlin", "", (0, 0), "dpa", "German carmakers"),
    ("BERLIN, Jan. 5 (dpa) – Germany", "BERLIN", "Jan. 5", (1, 5), "dpa", "Germany"),
    ("Hamburg, Feb 2 (dpa) - The port", "Hamburg", "Feb 2", (2, 2), "dpa", "The port"),
    ("MOSCOW, December 6. /TASS/. Russia's central bank", "MOSCOW", "December 6", (12, 6), "TASS", "Russia's central bank"),
    ("MOSCOW. Dec 6 (Interfax) - The Kremlin", "MOSCOW", "Dec 6", (12, 6), "Interfax", "The Kremlin"),
    ("Madrid, Dec 6 (EFE).- Spain's jobless rate", "Madrid", "Dec 6", (12, 6), "EFE", "Spain's jobless rate"),
    ("SANTIAGO, March 1 (EFE) - Chile's", "SANTIAGO", "March 1", (3, 1), "EFE", "Chile's"),
    ("ROME, Oct 10 (ANSA) - Italy's", "ROME", "Oct 10", (10, 10), "ANSA", "Italy's"),
    ("ZÜRICH, FEB 2 (SDA-ATS) – Swiss", "ZÜRICH", "FEB 2", (2, 2), "SDA-ATS", "Swiss"),
    ("KYIV, Aug. 24 (Ukrinform) - Ukraine", "KYIV", "Aug. 24", (8, 24), "Ukrinform", "Ukraine"),
    ("ISTANBUL (Anadolu) - Turkey's inflation", "ISTANBUL", "", (0, 0), "Anadolu", "Turkey's inflation"),
    ("ANKARA (AA) - Turkish", "ANKARA", "", (0, 0), "AA", "Turkish"),
    // Gulf and Middle East desks in English.
    ("ABU DHABI, 6th December, 2024 (WAM) -- The UAE", "ABU DHABI", "6th December, 2024", (12, 6), "WAM", "The UAE"),
    ("Riyadh, December 06, 2024, SPA -- The Saudi", "Riyadh", "December 06, 2024", (12, 6), "SPA", "The Saudi"),
    ("KUWAIT, Dec 6 (KUNA) -- The cabinet", "KUWAIT", "Dec 6", (12, 6), "KUNA", "The cabinet"),
    ("CAIRO, Dec 6 (MENA) - Egypt's", "CAIRO", "Dec 6", (12, 6), "MENA", "Egypt's"),
    ("TEHRAN, Dec 6 (IRNA) - Iran's", "TEHRAN", "Dec 6", (12, 6), "IRNA", "Iran's"),
    ("DOHA, May 14 (QNA) - Qatar", "DOHA", "May 14", (5, 14), "QNA", "Qatar"),
    ("CAIRO, january 1 (AP) – Egypt", "CAIRO", "january 1", (1, 1), "AP", "Egypt"),
    ("AMMAN, Jordan, Sept. 3 (AP) - The", "AMMAN, Jordan", "Sept. 3", (9, 3), "AP", "The"),
    // Markdown, whitespace, other separators.
    ("\u{feff}KARACHI, AUG 14 (APP) – Independence", "KARACHI", "AUG 14", (8, 14), "APP", "Independence"),
    ("  \n QUETTA, FEB 29 (APP) – Snow", "QUETTA", "FEB 29", (2, 29), "APP", "Snow"),
    ("**NEW YORK**, SEPT 22 (DNA) – Bold place", "NEW YORK", "SEPT 22", (9, 22), "DNA", "Bold place"),
    ("**NEW YORK, SEPT 22** (DNA) – Bold date", "NEW YORK", "SEPT 22", (9, 22), "DNA", "Bold date"),
    ("NEW YORK, SEPT 22 (S&P Global) – Ratings", "NEW YORK", "SEPT 22", (9, 22), "S&P Global", "Ratings"),
    ("WASHINGTON, JULY 4 (AP) –", "WASHINGTON", "JULY 4", (7, 4), "AP", ""),
    ("WASHINGTON, JULY 4 (AP) –\r\n\r\nNext paragraph", "WASHINGTON", "JULY 4", (7, 4), "AP", "Next paragraph"),
    ("GUATEMALA CITY, DEC 25 (AP) – Guatemala", "GUATEMALA CITY", "DEC 25", (12, 25), "AP", "Guatemala"),
    ("NEW YORK, SEPT 22nd (AFP) – Ordinal", "NEW YORK", "SEPT 22nd", (9, 22), "AFP", "Ordinal"),
    ("NEW YORK, Sept 22 — Em dash", "NEW YORK", "Sept 22", (9, 22), "", "Em dash"),
    ("NEW YORK, Sept 22 --- Three hyphens", "NEW YORK", "Sept 22", (9, 22), "", "Three hyphens"),
    ("NEW YORK, Sept 22 (AP, Reuters) - Comma list", "NEW YORK", "Sept 22", (9, 22), "AP|Reuters", "Comma list"),
    ("LONDON, March 5, 2024 - With a year", "LONDON", "March 5, 2024", (3, 5), "", "With a year"),
    ("Rio de Janeiro, March 5 - Title case", "Rio de Janeiro", "March 5", (3, 5), "", "Title case"),
    ("Isle of Man, June 2 - Racing", "Isle of Man", "June 2", (6, 2), "", "Racing"),
    ("Azad Jammu and Kashmir, Oct 8 - Quake", "Azad Jammu and Kashmir", "Oct 8", (10, 8), "", "Quake"),
    // Urdu desks.
    ("اسلام آباد، 14 مئی (اے پی پی) – وفاقی کابینہ", "اسلام آباد", "14 مئی", (5, 14), "اے پی پی", "وفاقی کابینہ"),
    ("ڈھاکہ ۔ یکم دسمبر (اے پی پی) بنگلہ دیش", "ڈھاکہ", "یکم دسمبر", (12, 1), "اے پی پی", "بنگلہ دیش"),
    ("میر پور(وقت نیوز)ضلعی انتظامیہ", "میر پور", "", (0, 0), "وقت نیوز", "ضلعی انتظامیہ"),
    ("لاہور، ۲۳ مارچ (آن لائن) – صوبائی حکومت", "لاہور", "۲۳ مارچ", (3, 23), "آن لائن", "صوبائی حکومت"),
    ("کراچی، ٣ جون (اے ایف پی) – شہر میں", "کراچی", "٣ جون", (6, 3), "اے ایف پی", "شہر میں"),
    ("پشاور، ۱۸ فروری (این این آئی) – صوبائی اسمبلی", "پشاور", "۱۸ فروری", (2, 18), "این این آئی", "صوبائی اسمبلی"),
    ("بیجنگ، 12 اکتوبر (شنہوا) – چین", "بیجنگ", "12 اکتوبر", (10, 12), "شنہوا", "چین"),
    ("لندن، 5 جنوری (رائٹرز) – برطانیہ", "لندن", "5 جنوری", (1, 5), "رائٹرز", "برطانیہ"),
    ("کراچی، 14 مئ (اے پی پی) – مئ variant", "کراچی", "14 مئ", (5, 14), "اے پی پی", "مئ variant"),
    ("کراچی، 14 مئي (اے پی پی) – Arabic yeh", "کراچی", "14 مئي", (5, 14), "اے پی پی", "Arabic yeh"),
    ("کوئٹہ، 2 جولائی (آئی این پی) – بلوچستان", "کوئٹہ", "2 جولائی", (7, 2), "آئی این پی", "بلوچستان"),
    ("ملتان، 9 اگست – شدید گرمی", "ملتان", "9 اگست", (8, 9), "", "شدید گرمی"),
    ("فیصل آباد، 30 ستمبر (پی پی آئی) - کپاس", "فیصل آباد", "30 ستمبر", (9, 30), "پی پی آئی", "کپاس"),
    ("کراچی (اسٹاف رپورٹر) سندھ حکومت", "کراچی", "", (0, 0), "اسٹاف رپورٹر", "سندھ حکومت"),
    ("اسلام آباد: وفاقی حکومت", "اسلام آباد", "", (0, 0), "", "وفاقی حکومت"),
    ("واشنگٹن (اے ایف پی) امریکی", "واشنگٹن", "", (0, 0), "اے ایف پی", "امریکی"),
    ("مظفر آباد، 8 اپریل (اے پی پی) / APP", "مظفر آباد", "8 اپریل", (4, 8), "اے پی پی", "/ APP"),
    ("گوادر، نومبر 3 (اے پی پی) – ماہی گیر", "گوادر", "نومبر 3", (11, 3), "اے پی پی", "ماہی گیر"),
    ("راولپنڈی، 14 مئی 2024 (اے پی پی) – بارش", "راولپنڈی", "14 مئی 2024", (5, 14), "اے پی پی", "بارش"),
    ("**لاہور، 1 جنوری (اے پی پی)** – سال نو", "لاہور", "1 جنوری", (1, 1), "اے پی پی", "سال نو"),
    ("حیدرآباد، 6 دسمبر (اے پی پی/اے ایف پی) – دریا", "حیدرآباد", "6 دسمبر", (12, 6), "اے پی پی|اے ایف پی", "دریا"),
    ("سکھر، 20 جون (اے پی پی)۔ درجہ حرارت", "سکھر", "20 جون", (6, 20), "اے پی پی", "درجہ حرارت"),
    // Arabic desks.
    ("القاهرة، 5 يناير (أ ف ب) - أعلنت", "القاهرة", "5 يناير", (1, 5), "أ ف ب", "أعلنت"),
    ("الرياض، 12 مارس (واس) – وافق", "الرياض", "12 مارس", (3, 12), "واس", "وافق"),
    ("دبي، 3 أبريل (وام) - افتتح", "دبي", "3 أبريل", (4, 3), "وام", "افتتح"),
    ("بيروت، ١٠ تشرين الأول (رويترز) - قال", "بيروت", "١٠ تشرين الأول", (10, 10), "رويترز", "قال"),
    ("دمشق، 7 آب (سانا) - أكد", "دمشق", "7 آب", (8, 7), "سانا", "أكد"),
    ("الكويت، 22 فبراير (كونا) - بحث", "الكويت", "22 فبراير", (2, 22), "كونا", "بحث"),
    ("الدوحة، 1 يونيو (قنا) - استقبل", "الدوحة", "1 يونيو", (6, 1), "قنا", "استقبل"),
    ("عمان، 9 كانون الثاني (أ ف ب) - أعلن", "عمان", "9 كانون الثاني", (1, 9), "أ ف ب", "أعلن"),
];

const fn as_month(n: u32) -> Option<u32> {
    if n == 0 { None } else { Some(n) }
}

#[test]
fn the_table_is_large() {
    assert!(LEADS.len() >= 150, "{}", LEADS.len());
    assert!(NOT_DATELINES.len() >= 100, "{}", NOT_DATELINES.len());
}

#[test]
fn reads_wire_leads() {
    let mut failures = Vec::new();
    for &(lead, place, date, (month, day), agencies, rest) in LEADS {
        let want_agencies: Vec<&str> = agencies.split('|').filter(|a| !a.is_empty()).collect();
        match read_lead(lead, &Agencies::default()) {
            Ok(Some(got)) => {
                let got_rest = &lead[got.text_start..];
                if got.place != place
                    || got.date.unwrap_or("") != date
                    || (got.month, got.day) != (as_month(month), as_month(day))
                    || got.agencies.as_slice() != want_agencies
                    || got_rest != rest
                {
                    failures.push(format!("{lead:?}: got {got:?} rest {got_rest:?}"));
                }
            }
            other => failures.push(format!("{lead:?}: {other:?}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {}:\n{}",
        failures.len(),
        LEADS.len(),
        failures.join("\n")
    );
}

#[test]
fn urdu_and_arabic_leads_say_their_language() {
    let lang = |lead| parse_dateline(lead).and_then(|d| d.lang);
    assert_eq!(lang("اسلام آباد، 14 مئی (اے پی پی) – متن"), Some("ur"));
    assert_eq!(lang("میر پور(وقت نیوز)متن"), Some("ur"));
    assert_eq!(lang("القاهرة، 5 يناير (أ ف ب) - نص"), Some("ar"));
    assert_eq!(lang("KARACHI (APP) – Text"), None);
}

/// Ordinary openings, several of them close to a dateline: none may lose a word.
#[rustfmt::skip]
pub(super) const NOT_DATELINES: &[&str] = &[
    "",
    "   ",
    "The minister said (AFP) – nothing.",
    "Mr. KHAN said (AFP) – nothing.",
    "However, the minister said the talks would continue.",
    "However, March 5 – the day of the vote – was calm.",
    "In Karachi, March rains flooded several underpasses.",
    "In Karachi, March 5 – the rains came early.",
    "Mr. Khan, 45, said - after a long pause - that he would stand.",
    "Mr. Khan, March 5 - he said - was the date.",
    "Last Friday, March 5 was declared a holiday.",
    "On March 5 - the day of the vote - turnout was low.",
    "By March 5 – the deadline – nothing had changed.",
    "Since January, prices have risen.",
    "During the 1990s, Karachi's population doubled.",
    "Although the rains came late, farmers expect a good crop.",
    "Officials in Peshawar confirmed that the road had reopened.",
    "Police said three men were arrested.",
    "It was the third such attack this year, residents said.",
    "According to the report, the deficit widened.",
    "The prime minister on Monday opened a new wing.",
    "\"We will not give up,\" the farmers' leader told a rally.",
    "NASA, the US space agency, said the launch would go ahead.",
    "NASA - The agency said the launch would go ahead.",
    "NATO: The alliance met in Brussels.",
    "UPDATE: The match has been postponed.",
    "BREAKING: The prime minister has resigned.",
    "BREAKING NEWS: Parliament dissolved.",
    "EDITOR'S NOTE: This story contains graphic details.",
    "CORRECTION: An earlier version misspelt the name.",
    "ANALYSIS: What the budget means for farmers.",
    "EXCLUSIVE: Documents show the deal was signed.",
    "WATCH: The moment the bridge collapsed.",
    "PHOTOS: Floods in Swat.",
    "LIVE: Election results as they come in.",
    "FACTBOX: Key facts about the dam.",
    "TIMELINE: Ten years of talks.",
    "NOTE: Figures are provisional.",
    "WARNING: This video contains flashing images.",
    "Q: What happens next?",
    "A: Nobody knows.",
    "KHAN: We will win.\n\nREPORTER: Are you sure?",
    "KARACHI: 45 degrees\nLAHORE: 47 degrees",
    "MODERATOR: Welcome to the debate.",
    "UN, US urge calm - The statement came late.",
    "IMF: Pakistan must widen its tax net.",
    "WHO: Cases are falling.",
    "US: The State Department said nothing.",
    "U.S.: The State Department said nothing.",
    "Karachi: a city of contrasts.",
    "Karachi - a city of contrasts.",
    "Lahore – The city of gardens – turned grey.",
    "KARACHI - the city woke to rain.",
    "KARACHI: the city woke to rain.",
    "KARACHI, the largest city, woke to rain.",
    "KARACHI, Pakistan – The city woke to rain.",
    "Imran Khan (PTI) – the former prime minister – spoke.",
    "Imran Khan (PTI) said on Monday.",
    "WHO (World Health Organization) Director-General said.",
    "NASA (the US space agency) said it would launch.",
    "UNICEF (United Nations Children's Fund) – the agency – said.",
    "KARACHI (APP) text",
    "KARACHI (APP) ---- text",
    "(AFP) – text",
    "北京, SEPT 22 (Xinhua) – text",
    "ONE TWO THREE FOUR FIVE SIX (AFP) – text",
    "NEW YORK, SEPT 22 (AGENCY NAME THAT IS FAR TOO LONG FOR A WIRE) – text",
    "**NEW YORK, SEPT 22 (DNA) – text",
    "KARACHI- (APP) – text",
    "NEW YORK,\nSEPT 22 (DNA) – text",
    "NEW YORK, SE 22 (AFP) – text",
    "New York, SEPT 22 text",
    "March 5 – the day of the vote.",
    "Friday, March 5 – the day of the vote.",
    "Dear Sir, March 5 - I write to complain.",
    "Prime Minister Shehbaz Sharif, March 5 - in a speech.",
    "Yesterday, March 5 – officials said.",
    "President Ahmed (AFP) – the leader – said.",
    "Pakistan's economy grew 2.4 percent, the bureau said.",
    "B52 bombers flew over the region.",
    "G20 leaders, meeting in Rio, agreed.",
    "Karachi March 13 - no comma and title case.",
    "The Hague, a city of courts, hosted the talks.",
    "Apple, Google and Microsoft – the giants – reported.",
    "Ahmed said: The plan failed.",
    "* A bullet point, not a dateline.",
    "- KARACHI: a list item.",
    "# KARACHI",
    "> KARACHI: a quote.",
    "1. KARACHI, JUN 17 – a numbered list.",
    "وزیر اعظم نے کہا ہے کہ حکومت اقدامات کر رہی ہے۔",
    "وزیر اعظم (پی ایم) نے کہا",
    "پاکستان تحریک انصاف (پی ٹی آئی) کے چیئرمین نے کہا",
    "پاکستان، بھارت اور چین نے معاہدہ کیا۔",
    "نوٹ: یہ خبر اپ ڈیٹ کی جا رہی ہے۔",
    "تازہ ترین: اجلاس ملتوی",
    "لاہور، 14 مئی کو شہر میں بارش ہوئی۔",
    "حکومت (اے پی پی) کی رپورٹ میں کہا گیا",
    "أعلنت الحكومة المصرية خطة جديدة.",
    "عاجل: انفجار في الميناء",
    "ملاحظة: الأرقام أولية.",
    "KARACHI, 2024 – a year, not a date.",
    "KARACHI, 45 – a number.",
    "Mr Khan, Aug 3 - no dot.",
    "Dr. Ahmed, June 2 – the surgeon – said.",
    "Sources, June 2 – anonymous – said.",
];

#[test]
fn leaves_other_text_alone() {
    let mut failures = Vec::new();
    for lead in NOT_DATELINES {
        if let Ok(Some(d)) = read_lead(lead, &Agencies::default()) {
            failures.push(format!("{lead:?} read as {d:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Leads that look like datelines but are not understood: the offset and what a
/// warning says.
#[rustfmt::skip]
pub(super) const UNREAD: &[(&str, usize, &str)] = &[
    ("NEW YORK, SEPT 32 (AFP) – text", 10, "`SEPT 32` is not a day of the year"),
    ("NEW YORK, SEPT 0 (AFP) – text", 10, "`SEPT 0` is not a day of the year"),
    ("NEW YORK, FEB 30 (AFP) – text", 10, "`FEB 30` is not a day of the year"),
    ("NEW YORK, SMARCH 22 (AFP) – text", 10, "`SMARCH` is not a month"),
    ("Karachi, June 31 – text", 9, "`June 31` is not a day of the year"),
    ("NEW YORK, SEPT 22 (DNA – text", 18, "the credit has no closing parenthesis"),
    ("NEW YORK, SEPT 22 (AFP (Paris)) – text", 18, "the credit has no closing parenthesis"),
    ("NEW YORK, SEPT 22 () – text", 18, "the credit in parentheses is not a list of agencies"),
    ("NEW YORK, SEPT 22 (AFP/) – text", 18, "the credit in parentheses is not a list of agencies"),
    ("KARACHI, JUN 17 Police said", 15, "no dash or colon separates the dateline from the story"),
    ("KARACHI (Staff Reporter) The city", 24, "no dash or colon follows the credit, and `Staff Reporter` is not a known agency"),
    ("اسلام آباد، 32 مئی (اے پی پی) – متن", 22, "`32 مئی` is not a day of the year"),
    ("اسلام آباد، 14 مئی متن", 31, "no dash, colon or credit separates the dateline from the story"),
];

#[test]
fn warns_about_what_it_cannot_read() {
    for &(lead, offset, what) in UNREAD {
        let got = read_lead(lead, &Agencies::default());
        assert_eq!(
            got,
            Err(Unread {
                offset,
                what: what.to_owned()
            }),
            "{lead:?}"
        );
    }
}
