#!/usr/bin/env python3
"""A harder newsroom for judging related news: wire copy that looks like wire copy.

    scripts/gen_hard_corpus.py --n 10000 --seed 1 --out /work/hard10k [--no-topics]

Writes OUT/broadsheet (site.toml, content/YYYY/MM/<slug>.md), OUT/hugo (the same
articles in Hugo's layout: content/news/YYYY/MM/<slug>.md, with scripts/hugo-related/
copied in) and OUT/truth.json:

    {slug: {"cluster": c, "story": s, "topics": [...], "lang": "en", "date": "..."}}

`cluster` is the running story an editor would link (floods in one province over a
fortnight); `story` is one development of it, which may be filed in several versions:
agency rewrites of one event (AFP, Reuters and APP each file it, minutes to hours
apart, in their own words and with the same facts) and updates (UPDATE 1, a higher toll).
`topics` are the editors' labels (some stories carry two). Truth keeps them even with
--no-topics, which leaves them out of both sites' front matter.

What makes it hard, on purpose and as in real copy:
- no invented proper noun marks a cluster: places are real cities shared by hundreds of
  stories, people come from one pool (a minister appears in many stories of many kinds),
  institutions repeat across the clusters of a topic, and every story carries the same
  generic newsroom sentences;
- place names vary in spelling and script (Karachi, Karachee, KHI; Peshawar, Pishawar;
  Urdu کراچی with Arabic yeh or kaf, tatweel, vowel marks, Eastern or Western digits);
  foreign names with and without diacritics (Erdoğan, Erdogan);
- English words come inflected (flood, floods, flooded, flooding);
- tags are noisy: a fifth of the stories have none, specific tags are spelled in
  several ways and often left off, common tags (Pakistan, Government) are everywhere,
  and one story in ten carries a tag from an unrelated story;
- about two in five articles are one-off stories in no running cluster;
- an Urdu desk (about a tenth of the clusters) files its own stories.

Standard library only; the same --n/--seed give the same bytes.
"""
import argparse
import json
import os
import random
import shutil
from datetime import datetime, timedelta

# ---------------------------------------------------------------- vocabulary

# Per topic: words of its beat (many shared with other beats), institutions that
# recur across its clusters, and event kinds. An event kind has an opening title and
# developments; {a} is an actor, {p} a place, {i} an institution, {n}/{m} numbers.
TOPICS = {
    "Politics": dict(
        words="assembly opposition party coalition vote election campaign rally leader parliament senate resolution session walkout alliance ballot candidate constituency reform government minister".split(),
        inst=["Provincial Assembly", "National Assembly", "Senate", "Election Commission", "Cabinet", "Ruling Coalition"],
        events=[
            (["{a} faces no-confidence vote in {i}", "No-trust motion against {a} tabled in {i}"],
             ["{i} session on no-trust motion adjourned", "{n} lawmakers back motion against {a}", "{a} survives no-confidence vote by {n} votes", "Opposition stages walkout as {i} debates motion"]),
            (["{a} announces rally in {p}", "{p} rally called by {a}"],
             ["Thousands attend {a} rally in {p}", "{a} rally route sealed by police in {p}", "{n} arrested after {p} rally", "{a} vows to continue protest campaign"]),
            (["By-election schedule issued for {p} seat", "{i} announces {p} by-poll"],
             ["{n} candidates file papers for {p} by-election", "Campaigning ends for {p} by-poll", "Turnout of {n} percent in {p} by-election", "{a} wins {p} by-election"]),
        ]),
    "Economy": dict(
        words="inflation budget deficit tax revenue loan rupee dollar reserves growth imports exports prices fiscal tranche fund lending rate economy finance market billion".split(),
        inst=["State Bank", "IMF", "Finance Ministry", "Federal Board of Revenue", "World Bank", "Asian Development Bank"],
        events=[
            (["{i} talks on ${n} million loan open", "{a} begins talks with {i} on loan"],
             ["{i} seeks new taxes before loan release", "Staff-level deal with {i} near, says {a}", "{i} board approves ${n} million tranche", "Reserves rise to ${m} billion after {i} inflow"]),
            (["Inflation climbs to {n} percent", "Consumer prices rise {n} percent, highest in months"],
             ["{i} raises policy rate to {m} percent", "{a} blames fuel prices for inflation", "Food prices push inflation to {m} percent", "Traders protest rising prices in {p}"]),
            (["{a} presents budget of Rs{n} trillion", "Budget worth Rs{n} trillion unveiled by {a}"],
             ["Opposition rejects Rs{n} trillion budget", "{i} revises tax targets in budget debate", "Assembly passes budget after {m} amendments", "Salaried class protests budget taxes in {p}"]),
        ]),
    "Business": dict(
        words="company shares market investors profit stock exchange index trading listing merger acquisition bank prices dollar exports textile industry firms billion deal".split(),
        inst=["Pakistan Stock Exchange", "Competition Commission", "Engro", "Lucky Cement", "Habib Bank", "K-Electric", "Pakistan International Airlines"],
        events=[
            (["Shares of {i} jump {n} percent", "{i} stock surges {n} percent on takeover talk"],
             ["{i} confirms merger talks", "{i} board approves Rs{m} billion deal", "Regulator probes trading in {i} shares", "{i} completes acquisition, says {a}"]),
            (["KSE-100 index sheds {n} points", "Stocks fall {n} points in heavy selling"],
             ["Index recovers {m} points on buying", "Brokers blame political uncertainty for stock slump", "Foreign investors sell ${m} million in shares", "{a} meets brokers over market slide"]),
            (["{i} posts Rs{n} billion profit", "{i} profit rises to Rs{n} billion"],
             ["{i} announces Rs{m} dividend", "{i} plans expansion in {p}", "Analysts upgrade {i} after results"]),
        ]),
    "Crime": dict(
        words="police arrested suspects robbery killed gunmen raid investigation custody murder kidnapping ransom gang station officer victims inquiry court evidence city".split(),
        inst=["Counter Terrorism Department", "Federal Investigation Agency", "Anti-Car Lifting Cell", "Crime Investigation Agency", "Rangers"],
        events=[
            (["Trader kidnapped for ransom in {p}", "Gunmen abduct businessman in {p}"],
             ["Kidnappers demand Rs{n} million ransom", "{i} traces kidnappers to {p} hideout", "Kidnapped trader recovered in {i} raid", "{n} suspects held over {p} kidnapping"]),
            (["{n} killed in {p} bank robbery", "Robbers kill {n} guards at {p} bank"],
             ["{i} forms team to probe {p} robbery", "CCTV footage shows {p} robbers", "{m} robbers arrested after {p} heist", "Robbery case sent to anti-terrorism court"]),
            (["Street crime rises {n} percent in {p}", "{p} police report {n} percent rise in street crime"],
             ["{a} orders crackdown on street crime", "{i} arrests {m} mobile snatchers", "Citizens protest street crime in {p}"]),
        ]),
    "Courts": dict(
        words="court judge hearing petition bench verdict bail appeal case lawyer justice order adjourned ruling notice trial supreme high law constitution inquiry".split(),
        inst=["Supreme Court", "Islamabad High Court", "Lahore High Court", "Sindh High Court", "Accountability Court", "Anti-Terrorism Court"],
        events=[
            (["{i} hears {a} bail plea", "{a} seeks bail from {i}"],
             ["{i} adjourns {a} bail hearing", "{i} grants {a} bail against Rs{n} surety", "Prosecution appeals {a} bail", "{a} released after {n} days in custody"]),
            (["{i} takes notice of {p} demolitions", "Petition against {p} demolitions filed in {i}"],
             ["{i} halts {p} demolition drive", "{i} seeks report on {n} demolished homes", "Residents of {p} welcome {i} order"]),
            (["Reference against {a} filed in {i}", "{i} indicts {a} in graft case"],
             ["{a} pleads not guilty in {i}", "Witnesses record statements against {a}", "{i} acquits {a} of graft charges", "{i} convicts {a}, sentences him to {n} years"]),
        ]),
    "Security": dict(
        words="militants attack security forces soldiers killed blast bomb checkpost operation army border terrorists injured gunmen explosion suicide troops police".split(),
        inst=["Inter-Services Public Relations", "Frontier Corps", "Counter Terrorism Department", "Levies Force"],
        events=[
            (["{n} soldiers killed in attack near {p}", "Militants attack checkpost near {p}, {n} soldiers killed"],
             ["{i} says {m} militants killed in follow-up operation", "Funeral prayers held for {n} soldiers in {p}", "{a} vows action after {p} attack", "Curfew imposed in {p} after attack"]),
            (["Blast in {p} market kills {n}", "{n} killed as bomb rips through {p} market"],
             ["Death toll in {p} blast rises to {m}", "{i} identifies {p} bomber", "Traders shut {p} markets in mourning", "{a} visits injured of {p} blast"]),
        ]),
    "Cricket": dict(
        words="cricket match test series wickets runs century innings bowler batsman captain squad team tournament pitch stadium win defeat toss coach board".split(),
        inst=["Pakistan Cricket Board", "National Stadium", "Gaddafi Stadium", "Rawalpindi Cricket Stadium", "International Cricket Council"],
        events=[
            (["Pakistan name {n}-man squad for Test series", "{a} to lead Pakistan in Test series"],
             ["{a} hits century in warm-up", "Pakistan win first Test by {n} wickets", "Rain frustrates Pakistan at {i}", "Pakistan seal series {n}-{m}"]),
            (["{i} announces league schedule", "League to open at {i} on {n}th"],
             ["{a} stars as {p} side win opener", "{i} sold out for league final", "{a} named player of the tournament"]),
        ]),
    "Health": dict(
        words="hospital patients doctors cases virus vaccine health outbreak dengue polio disease treatment ward medicines emergency fever children infection campaign clinics".split(),
        inst=["Health Ministry", "National Institute of Health", "Civil Hospital", "Jinnah Hospital", "World Health Organization"],
        events=[
            (["Dengue cases rise to {n} in {p}", "{p} reports {n} dengue cases"],
             ["{i} opens dengue wards in {p}", "Dengue toll in {p} reaches {m}", "Fumigation drive launched across {p}", "{a} says dengue outbreak under control"]),
            (["Polio campaign to reach {n} million children", "{i} launches anti-polio drive"],
             ["Polio workers attacked in {p}", "{n} new polio cases reported", "{i} extends polio campaign in {p}"]),
            (["Young doctors strike at {i}", "OPDs closed as doctors strike at {i} in {p}"],
             ["Patients suffer as {p} strike enters day {n}", "{a} holds talks with striking doctors", "Doctors end strike after {a} accepts demands"]),
        ]),
    "Environment": dict(
        words="floods rain monsoon water river dam relief displaced villages heatwave smog pollution climate drought rescue camps weather embankment crops".split(),
        inst=["National Disaster Management Authority", "Provincial Disaster Management Authority", "Met Office", "Indus River System Authority", "Tarbela Dam"],
        events=[
            (["Floods kill {n} in {p}", "{n} dead as floods hit {p}"],
             ["Flood toll in {p} rises to {m}", "Army called in as floods swamp {p} villages", "{i} sets up {n} relief camps", "Waters recede in {p}, relief work continues"]),
            (["Heatwave grips {p}, temperature hits {n}C", "{p} sizzles at {n} degrees"],
             ["{m} die of heatstroke in {p}", "{i} warns heatwave to last a week", "Power cuts add to {p} heatwave misery"]),
            (["Smog blankets {p}", "{i} issues smog alert for {p}"],
             ["Schools closed in {p} over smog", "{p} air quality index crosses {n}", "{a} bans crop burning to curb smog"]),
        ]),
    "Energy": dict(
        words="power electricity gas load shedding outages tariff fuel petrol diesel prices circular debt supply plant generation megawatts oil grid billion".split(),
        inst=["NEPRA", "OGRA", "K-Electric", "Sui Southern Gas", "Power Division", "WAPDA"],
        events=[
            (["{i} raises power tariff by Rs{n} per unit", "Electricity price up Rs{n} per unit, says {i}"],
             ["Traders protest tariff hike in {p}", "{a} defends tariff increase", "{i} hearing on tariff adjourned", "Circular debt hits Rs{m} billion"]),
            (["Gas shortage shuts {n} factories in {p}", "{p} industry hit by gas cuts"],
             ["{i} restores gas to {p} industry", "{a} promises LNG cargoes to end shortage", "Gas cuts spark protests in {p}"]),
            (["Petrol price raised by Rs{n} a litre", "Government raises petrol price Rs{n}"],
             ["Transporters raise fares after petrol hike", "{i} proposes Rs{m} cut in diesel price", "{a} rules out further petrol hike"]),
        ]),
    "Diplomacy": dict(
        words="talks visit foreign minister bilateral relations trade agreement delegation summit embassy cooperation ties envoy memorandum border dialogue leaders".split(),
        inst=["Foreign Office", "United Nations", "Shanghai Cooperation Organisation", "SAARC", "Organisation of Islamic Cooperation"],
        events=[
            (["{a} arrives in Islamabad for talks", "{a} visit to open new chapter, says {i}"],
             ["Pakistan, {a} sign {n} agreements", "{a} meets prime minister, discusses trade", "Joint statement issued after {a} visit", "{a} leaves after {n}-day visit"]),
            (["{i} summit opens in {p}", "Leaders gather in {p} for {i} summit"],
             ["{a} addresses {i} summit", "{i} summit ends with {p} declaration", "{a} holds sideline meetings at summit"]),
        ]),
    "Education": dict(
        words="schools students university teachers exams results board admissions fees campus classes education degree scholarship college protest curriculum".split(),
        inst=["Higher Education Commission", "Board of Intermediate Education", "University of Karachi", "Punjab University", "Quaid-i-Azam University"],
        events=[
            (["{i} announces exam results, {n} percent pass", "{n} percent students pass {i} exams"],
             ["Students protest marking by {i}", "{i} orders re-checking of {m} papers", "{a} orders inquiry into exam results"]),
            (["Teachers protest outside {i}", "{i} teachers boycott classes"],
             ["{i} shut as protest enters day {n}", "{a} holds talks with teachers", "Teachers end protest after salary deal"]),
        ]),
    "Technology": dict(
        words="internet mobile broadband telecom digital app data users online network services startup technology spectrum cyber software licence".split(),
        inst=["Pakistan Telecommunication Authority", "Ministry of IT", "Jazz", "Zong", "National Database and Registration Authority"],
        events=[
            (["Mobile internet suspended in {p}", "{i} blocks mobile data in {p}"],
             ["Businesses count losses of internet shutdown in {p}", "{i} restores internet in {p} after {n} days", "Court asks {i} to justify {p} shutdown"]),
            (["{i} auctions 5G spectrum", "5G auction raises ${n} million"],
             ["{i} awards 5G licences to {m} operators", "{a} launches 5G services in {p}"]),
        ]),
}
TOPIC_NAMES = sorted(TOPICS)
# Second topics editors add to a quarter of the running stories.
PAIRS = {"Crime": ["Courts", "Security"], "Courts": ["Politics", "Crime"], "Security": ["Crime", "Politics"],
         "Economy": ["Business", "Energy", "Politics"], "Business": ["Economy", "Technology"],
         "Energy": ["Economy", "Business"], "Politics": ["Courts", "Economy"], "Health": ["Environment", "Education"],
         "Environment": ["Health", "Energy"], "Diplomacy": ["Politics", "Economy", "Security"],
         "Education": ["Politics", "Health"], "Technology": ["Business", "Courts"], "Cricket": ["Business"]}
# Tags an editor reaches for on every beat.
COMMON_TAGS = ["Pakistan", "Government", "Federal Government", "Breaking", "Top Stories", "Local", "National"]
BEAT_TAGS = {"Politics": ["PTI", "PML-N", "PPP"], "Economy": ["IMF", "Rupee", "Budget"], "Business": ["PSX", "Stocks"],
             "Crime": ["Police", "Street Crime"], "Courts": ["Judiciary", "Supreme Court"], "Security": ["Terrorism", "Army"],
             "Cricket": ["Cricket", "PCB"], "Health": ["Dengue", "Polio", "Hospitals"], "Environment": ["Weather", "Climate"],
             "Energy": ["Load Shedding", "Petrol"], "Diplomacy": ["Foreign Office"], "Education": ["Students"],
             "Technology": ["PTA", "Internet"]}

GENERIC = [
    "Officials said the situation was being closely monitored.",
    "The government said it would take all possible steps.",
    "A spokesman said a detailed statement would be issued later in the day.",
    "Opposition leaders criticised the government over its handling of the matter.",
    "Local residents said they had been waiting for action for weeks.",
    "The minister told reporters that a committee had been formed to review the issue.",
    "Television channels showed footage of the scene.",
    "Police said further details were awaited.",
    "Critics say the measures come too late.",
    "The provincial government has promised an inquiry.",
    "The matter was also raised in the assembly on {day}.",
    "Analysts said the coming days would be crucial.",
    "A senior official, speaking on condition of anonymity, confirmed the development.",
    "The report said the figures could change as more information came in.",
    "Business and social life in the city was affected.",
    "It was not immediately clear who was responsible.",
]
QUOTES = ["\"We will not allow anyone to play with the lives of people,\" {a} said.",
          "\"The situation is under control,\" {a} told reporters in {p}.",
          "\"This is a matter of national importance,\" said {a}.",
          "{a} said the government would announce a package soon.",
          "According to {a}, the decision was taken after consultations."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
INFLECT = {  # how one root appears across copies
    "floods": ["flood", "floods", "flooded", "flooding"], "killed": ["kill", "killed", "killing", "kills"],
    "arrested": ["arrest", "arrests", "arrested", "arresting"], "protest": ["protest", "protests", "protested", "protesting"],
    "prices": ["price", "prices", "priced"], "attack": ["attack", "attacks", "attacked", "attacking"],
    "talks": ["talk", "talks", "talked"], "rise": ["rise", "rises", "rising", "rose"],
    "raid": ["raid", "raids", "raided", "raiding"], "strike": ["strike", "strikes", "striking"],
}

# Places: canonical English, spelling variants in English copy, Urdu spelling.
PLACES = [
    ("Karachi", ["Karachee", "KHI"], "کراچی", 18), ("Lahore", ["Lahor"], "لاہور", 14),
    ("Islamabad", ["Islamabad Capital Territory"], "اسلام آباد", 14), ("Peshawar", ["Pishawar", "Peshawer"], "پشاور", 8),
    ("Quetta", ["Kwatah"], "کوئٹہ", 6), ("Rawalpindi", ["Pindi"], "راولپنڈی", 5), ("Multan", ["Moultan"], "ملتان", 4),
    ("Hyderabad", ["Haidarabad"], "حیدرآباد", 4), ("Faisalabad", ["Lyallpur"], "فیصل آباد", 4),
    ("Sukkur", ["Sakkhar"], "سکھر", 3), ("Dera Ismail Khan", ["D.I. Khan", "DI Khan"], "ڈیرہ اسماعیل خان", 3),
    ("Gwadar", ["Gawadar"], "گوادر", 2), ("Muzaffarabad", ["Muzafarabad"], "مظفرآباد", 2),
    ("Gilgit", ["Gilgit-Baltistan"], "گلگت", 2), ("Bahawalpur", ["Bahawalpore"], "بہاولپور", 2),
    ("Mingora", ["Swat"], "مینگورہ", 2), ("Sialkot", ["Sialcot"], "سیالکوٹ", 2), ("Larkana", ["Larkano"], "لاڑکانہ", 2),
]
FIRST = "Imran Nawaz Asif Shahbaz Bilawal Maryam Fawad Shireen Murad Pervaiz Usman Ahsan Ishaq Hammad Asad Sheikh Faisal Zulfi Raja Khawaja Saad Mohsin Babar Shaheen Rizwan Shadab Fakhar Naseem Sarfaraz Azhar Hina Sherry Aitzaz Farooq Tariq Ayesha Sana Nadia Kamran Junaid".split()
LAST = "Khan Sharif Zardari Bhutto Chaudhry Qureshi Mazari Shah Elahi Buzdar Iqbal Dar Azhar Umar Rashid Javed Abbasi Rafique Naqvi Azam Afridi Rizwan Ali Malik Ahmed Hussain Butt Baloch Mengal Achakzai Sherpao Gilani Tareen Niazi Jamali".split()
FOREIGN = [("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"), ("Mohammed bin Salman", "Mohammad bin Salman"),
           ("Wang Yi", "Wang Yi"), ("Sergeï Lavrov", "Sergei Lavrov"), ("Hakan Fidan", "Hakan Fidan"),
           ("Abbas Araghchi", "Abbas Araqchi"), ("Ahmet Davutoğlu", "Ahmet Davutoglu"), ("Faisal bin Farhan", "Faisal bin Farhan")]
ROLES = ["minister", "chief minister", "spokesman", "adviser", "leader", "chairman", "secretary", "commissioner"]
AGENCIES = [("APP", 30), ("AFP", 18), ("Reuters", 18), ("DNA", 10), ("PPI", 8), ("AP", 8), ("NNI", 5), ("Online", 3)]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]

# Urdu desk: beat words and templates, written in Urdu.
UR_TOPICS = {
    "Politics": ("اسمبلی اپوزیشن جماعت اتحاد ووٹ انتخاب جلسہ قیادت پارلیمان سینیٹ قرارداد اجلاس".split(),
                 ["{p} میں {a} کا جلسہ", "{a} کے خلاف تحریک عدم اعتماد", "{p} ضمنی انتخاب کا شیڈول جاری"],
                 ["{a} نے {p} میں کارکنوں سے خطاب کیا", "{n} ارکان نے تحریک کی حمایت کر دی", "{p} میں جلسے کے بعد {n} گرفتار", "اپوزیشن کا اسمبلی سے واک آؤٹ"]),
    "Economy": ("مہنگائی بجٹ خسارہ ٹیکس محصولات قرض روپیہ ڈالر ذخائر قیمتیں معیشت".split(),
                ["مہنگائی کی شرح {n} فیصد ہو گئی", "{a} نے {n} کھرب روپے کا بجٹ پیش کر دیا", "آئی ایم ایف سے قرض کے مذاکرات شروع"],
                ["اسٹیٹ بینک نے شرح سود {m} فیصد کر دی", "{p} میں تاجروں کا مہنگائی کے خلاف احتجاج", "{a} کا نئے ٹیکس نہ لگانے کا اعلان", "زرمبادلہ کے ذخائر {m} ارب ڈالر ہو گئے"]),
    "Crime": ("پولیس گرفتار ملزمان ڈکیتی قتل چھاپہ تفتیش اغوا تاوان گروہ تھانہ".split(),
              ["{p} میں تاجر اغوا", "{p} میں بینک ڈکیتی، {n} ہلاک", "{p} میں اسٹریٹ کرائم میں اضافہ"],
              ["اغوا کاروں نے {n} لاکھ روپے تاوان مانگ لیا", "پولیس کا {p} میں چھاپہ، {m} ملزمان گرفتار", "{a} کا جرائم کے خلاف کریک ڈاؤن کا حکم", "مغوی تاجر بازیاب"]),
    "Environment": ("سیلاب بارش مون سون دریا ڈیم امداد متاثرین دیہات گرمی اسموگ موسم".split(),
                    ["{p} میں سیلاب سے {n} افراد جاں بحق", "{p} میں شدید گرمی، درجہ حرارت {n} ڈگری", "{p} میں اسموگ کا راج"],
                    ["سیلاب سے ہلاکتوں کی تعداد {m} ہو گئی", "{p} میں فوج طلب کر لی گئی", "{n} امدادی کیمپ قائم", "{p} میں پانی اترنے لگا"]),
    "Cricket": ("کرکٹ میچ ٹیسٹ سیریز وکٹیں رنز سنچری اننگز بولر کپتان ٹیم اسٹیڈیم".split(),
                ["ٹیسٹ سیریز کے لیے {n} رکنی اسکواڈ کا اعلان", "{a} قومی ٹیم کے کپتان مقرر"],
                ["{a} کی شاندار سنچری", "پاکستان نے پہلا ٹیسٹ {n} وکٹوں سے جیت لیا", "بارش نے کھیل روک دیا", "پاکستان نے سیریز {n}-{m} سے جیت لی"]),
    "Health": ("ہسپتال مریض ڈاکٹر کیسز وائرس ویکسین صحت ڈینگی پولیو بیماری علاج".split(),
               ["{p} میں ڈینگی کے {n} کیسز", "انسداد پولیو مہم کا آغاز", "{p} میں ینگ ڈاکٹرز کی ہڑتال"],
               ["ڈینگی سے اموات {m} ہو گئیں", "{p} میں اسپرے مہم شروع", "{a} کا ہسپتالوں کا دورہ", "ڈاکٹروں نے ہڑتال ختم کر دی"]),
}
UR_GENERIC = ["حکام کا کہنا ہے کہ صورتحال پر نظر رکھی جا رہی ہے۔", "حکومت نے تمام ممکنہ اقدامات کی یقین دہانی کرائی ہے۔",
              "اپوزیشن نے حکومت کی کارکردگی پر تنقید کی۔", "مقامی لوگوں کا کہنا ہے کہ وہ کئی ہفتوں سے انتظار کر رہے ہیں۔",
              "ترجمان نے کہا کہ تفصیلی بیان بعد میں جاری کیا جائے گا۔", "وزیر نے صحافیوں کو بتایا کہ معاملے کا جائزہ لینے کے لیے کمیٹی بنا دی گئی ہے۔"]
UR_AGENCIES = {"APP": "اے پی پی", "AFP": "اے ایف پی", "Reuters": "رائٹرز", "DNA": "ڈی این اے", "PPI": "پی پی آئی"}
UR_NAMES = ["عمران خان", "شہباز شریف", "بلاول بھٹو", "مریم نواز", "مراد علی شاہ", "اسحاق ڈار", "بابر اعظم", "محسن نقوی", "شاہین آفریدی", "آصف زرداری"]
EASTERN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def urdu_variant(rng, text):
    """Spells Urdu text as different desks and keyboards do: Arabic yeh or kaf, heh
    forms, tatweel, a vowel mark, Eastern digits."""
    r = rng.random()
    if r < 0.25:
        text = text.replace("ی", "ي")
    elif r < 0.4:
        text = text.replace("ک", "ك")
    elif r < 0.5:
        text = text.replace("ہ", "ه")
    elif r < 0.58:
        text = text.replace("ل", "لـ", 1)
    elif r < 0.65:
        text = text.replace("ر", "رَ", 1)
    if rng.random() < 0.5:
        text = text.translate(EASTERN)
    return text


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for item, w in pairs:
        x -= w
        if x <= 0:
            return item
    return pairs[-1][0]


def slugify(s):
    out, dash = [], False
    for ch in s.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:60].strip("-")


def yq(s):
    return json.dumps(s, ensure_ascii=False)


# ---------------------------------------------------------------- the newsroom

class Newsroom:
    def __init__(self, n, seed, urdu_share):
        self.rng = random.Random(seed)
        self.n = n
        self.urdu_share = urdu_share
        rng = self.rng
        names = sorted({"%s %s" % (f, l) for f in FIRST for l in LAST})
        rng.shuffle(names)
        # A pool of people with Zipf-like prominence: a few appear in many stories.
        self.people = [(nm, rng.choice(ROLES), 1.0 / (i + 1) ** 0.8) for i, nm in enumerate(names[:320])]
        self.days = max(90, n // 25)
        self.start = datetime(2023, 1, 1, 6, 0)
        self.articles = []
        self.slugs = set()

    def person(self, rng):
        x = rng.uniform(0, sum(w for _, _, w in self.people))
        for name, role, w in self.people:
            x -= w
            if x <= 0:
                return name, role
        return self.people[-1][:2]

    def place(self, rng):
        return wchoice(rng, [(p, p[3]) for p in PLACES])

    def generate(self):
        rng = self.rng
        cluster = 0
        while len(self.articles) < self.n:
            urdu = rng.random() < self.urdu_share
            one_off = rng.random() < 0.8
            self.make_cluster(cluster, urdu, one_off)
            cluster += 1
        self.articles = self.articles[: self.n]
        return self.articles

    def make_cluster(self, cid, urdu, one_off):
        rng = random.Random(self.rng.random())
        topic = rng.choice(sorted(UR_TOPICS) if urdu else TOPIC_NAMES)
        topics = [topic]
        if rng.random() < 0.25 and topic in PAIRS:
            topics.append(rng.choice(PAIRS[topic]))
        place = self.place(rng)
        actors = [self.person(rng) for _ in range(2)]
        if topic == "Diplomacy" and rng.random() < 0.6:
            actors[0] = (rng.choice(FOREIGN), "foreign minister")
        inst = rng.choice(TOPICS[topic]["inst"])
        ev = rng.randrange(len(UR_TOPICS[topic][1]) if urdu else len(TOPICS[topic]["events"]))
        stories = 1 if one_off else rng.choice([2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 12])
        day0 = rng.uniform(0, self.days)
        span = rng.uniform(2, 20)
        # Tags the desk uses for this running story, each in a few spellings.
        pname = place[0]
        specific = [[pname + " " + rng.choice(TOPICS[topic]["words"]).title(),
                     rng.choice(place[1]) + " " + rng.choice(TOPICS[topic]["words"]).title()]]
        actor_name = actors[0][0] if isinstance(actors[0][0], str) else actors[0][0][1]
        specific.append([actor_name, actor_name.lower(), actor_name.replace(" ", "")])
        specific.append([inst])
        developments = list(range(len(UR_TOPICS[topic][2]) if urdu else len(TOPICS[topic]["events"][ev][1])))
        rng.shuffle(developments)
        for k in range(stories):
            when = self.start + timedelta(days=day0 + (0 if k == 0 else rng.uniform(0, span)),
                                          hours=rng.uniform(0, 14))
            facts = dict(n=rng.choice([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 17, 20, 23, 25, 30, 40, 45, 60, 85, 120]),
                         m=rng.randint(2, 300), day=rng.choice(DAYS))
            dev = None if k == 0 else developments[(k - 1) % len(developments)]
            sid = "%d.%d" % (cid, k)
            versions = 1 if rng.random() < 0.55 else wchoice(rng, [(2, 5), (3, 3), (4, 1)])
            agencies = [wchoice(rng, AGENCIES)]
            for v in range(versions):
                kind = "first" if v == 0 else ("rewrite" if rng.random() < 0.6 else "update")
                if kind == "rewrite":
                    agencies.append(wchoice(rng, [a for a in AGENCIES if a[0] not in agencies] or AGENCIES))
                    ag = agencies[-1]
                else:
                    ag = agencies[0]
                t = when + timedelta(hours=v * rng.uniform(0.3, 6))
                if kind == "update":
                    facts = dict(facts, n=facts["n"] + rng.randint(1, 9))
                art = (self.urdu_article if urdu else self.english_article)(
                    rng, topic, ev, dev, place, actors, inst, facts, ag, kind, v, t)
                labels = list(topics)
                if len(labels) == 2 and rng.random() < 0.2:
                    labels = labels[:1]
                if rng.random() < 0.12 and topic in PAIRS:
                    # Another desk files it under a neighbouring beat.
                    labels[0] = rng.choice(PAIRS[topic])
                if rng.random() < 0.03:
                    labels.append(rng.choice(TOPIC_NAMES))
                art.update(cluster=cid, story=sid, topics=sorted(set(labels)), date=t, agency=ag,
                           tags=self.urdu_tags(rng, place, actors) if urdu else self.tags(rng, topic, specific, pname))
                self.add(art)

    def urdu_tags(self, rng, place, actors):
        if rng.random() < 0.3:
            return []
        out = ["پاکستان"] if rng.random() < 0.5 else []
        if rng.random() < 0.5:
            out.append(urdu_variant(rng, place[2]))
        if rng.random() < 0.4:
            out.append(UR_NAMES[sum(map(ord, str(actors[0][0]))) % len(UR_NAMES)])
        return out

    def tags(self, rng, topic, specific, pname):
        if rng.random() < 0.2:
            return []
        out = []
        for spellings in specific:
            if rng.random() < 0.55:
                out.append(spellings[0] if rng.random() < 0.7 else rng.choice(spellings))
        if rng.random() < 0.6:
            out.append(rng.choice(COMMON_TAGS))
        if rng.random() < 0.5:
            out.append(rng.choice(BEAT_TAGS[topic]))
        if rng.random() < 0.3:
            out.append(pname)
        if rng.random() < 0.1:
            # A tag from another story: a slip of the desk.
            other = rng.choice(TOPIC_NAMES)
            out.append(rng.choice(BEAT_TAGS[other] + [rng.choice(PLACES)[0] + " " + rng.choice(TOPICS[other]["words"]).title()]))
        return list(dict.fromkeys(out))

    def add(self, art):
        base = slugify(art["title"]) or "story"
        if art["lang"] == "ur":
            base = "ur-" + art["date"].strftime("%Y%m%d") + "-" + str(len(self.articles))
        slug, i = base, 2
        while slug in self.slugs:
            slug, i = "%s-%d" % (base, i), i + 1
        self.slugs.add(slug)
        art["slug"] = slug
        self.articles.append(art)

    def english_article(self, rng, topic, ev, dev, place, actors, inst, facts, ag, kind, v, t):
        T = TOPICS[topic]
        opening, devs = T["events"][ev]
        # A rewrite keeps the facts and changes the words; an update adds a prefix.
        pspell = place[0] if rng.random() < 0.8 else rng.choice(place[1])
        (a_name, role) = actors[0]
        if isinstance(a_name, tuple):
            a_name = a_name[0] if rng.random() < 0.5 else a_name[1]
        slots = dict(a=a_name, p=pspell, i=inst, n=facts["n"], m=facts["m"], day=facts["day"])
        if dev is None:
            title = opening[v % len(opening)] if kind != "update" else opening[0]
        else:
            title = devs[dev]
            if kind == "rewrite":
                title = self.paraphrase(rng, title)
        title = title.format(**slots)
        headline = title[0].upper() + title[1:]
        if kind == "update":
            title = "UPDATE %d-%s" % (v, title) if rng.random() < 0.6 else title + " (updated)"
        title = title[0].upper() + title[1:]
        # Beat words, some from a neighbouring beat: real copy is not sorted by desk.
        near = TOPICS[rng.choice(PAIRS.get(topic, TOPIC_NAMES))]["words"]
        words = [self.inflect(rng, w) for w in rng.sample(T["words"], 5) + rng.sample(near, 3)]
        rng.shuffle(words)
        dl = (place[0] if rng.random() < 0.85 else rng.choice(place[1])).upper()
        lead = "%s, %s %d (%s) - %s. %s %s %s %s." % (
            dl, MONTHS[t.month - 1], t.day, ag, headline,
            a_name, role, rng.choice(["said", "told reporters", "said in a statement"]),
            " ".join(words[:3]))
        paras = [lead]
        second = actors[1][0]
        body = [rng.choice(GENERIC).format(**slots) for _ in range(rng.randint(3, 6))]
        body.append(rng.choice(QUOTES).format(**slots))
        body.append("%s, %s of the %s, said the %s and %s in %s would be reviewed." % (
            second, actors[1][1], inst, words[3], words[4], pspell))
        body.append("The %s %s %s on %s." % (words[5], words[6], words[7], facts["day"]))
        # Beat sentences from other beats: real copy mixes them.
        other = TOPICS[rng.choice(TOPIC_NAMES)]["words"]
        body.append("Earlier, %s %s and %s were discussed." % (rng.choice(other), rng.choice(other), rng.choice(T["words"])))
        rng.shuffle(body)
        for i in range(0, len(body), 3):
            paras.append(" ".join(body[i:i + 3]))
        if kind == "update":
            paras.append("This story has been updated with the latest figures: %d." % facts["n"])
        return dict(title=title, paras=paras, lang="en", place=dl, keywords=[place[0], a_name] if rng.random() < 0.3 else [])

    def urdu_article(self, rng, topic, ev, dev, place, actors, inst, facts, ag, kind, v, t):
        words, openings, devs = UR_TOPICS[topic]
        a_name = UR_NAMES[sum(map(ord, str(actors[0][0]))) % len(UR_NAMES)]
        slots = dict(a=a_name, p=place[2], n=facts["n"], m=facts["m"])
        title = (openings[ev] if dev is None else devs[dev]).format(**slots)
        if kind == "update":
            title += " (تازہ ترین)"
        title = urdu_variant(rng, title)
        ws = rng.sample(words, 6)
        lead = "%s (%s) %s۔ %s نے کہا کہ %s اور %s کا جائزہ لیا جا رہا ہے۔" % (
            place[2], UR_AGENCIES.get(ag, ag), title, a_name, ws[0], ws[1])
        body = [rng.choice(UR_GENERIC) for _ in range(3)] + ["%s، %s اور %s پر بات چیت ہوئی۔" % tuple(ws[2:5])]
        rng.shuffle(body)
        paras = [urdu_variant(rng, lead), urdu_variant(rng, " ".join(body))]
        return dict(title=title, paras=paras, lang="ur", place=urdu_variant(rng, place[2]), keywords=[])

    PARA = {"after": "following", "rises": "climbs", "arrested": "held", "killed": "dead", "says": "said",
            "announces": "unveils", "protest": "demonstrate", "meets": "holds talks with", "hits": "reaches"}

    def paraphrase(self, rng, title):
        words = title.split(" ")
        return " ".join(self.PARA.get(w, w) if rng.random() < 0.7 else w for w in words)

    def inflect(self, rng, w):
        forms = INFLECT.get(w)
        return rng.choice(forms) if forms else w


# ---------------------------------------------------------------- writing

SITE_TOML = """# Generated by scripts/gen_hard_corpus.py.
title = "Hard Newsroom"
base_url = "https://example.org/"
language = "en"
timezone = "Asia/Karachi"
"""


def front_matter(a, hugo, with_topics, rng):
    fm = ["---", "title: %s" % yq(a["title"]), "date: %s+05:00" % a["date"].strftime("%Y-%m-%dT%H:%M:%S"),
          "slug: %s" % a["slug"]]
    if a["lang"] != "en":
        fm.append("lang: %s" % a["lang"])
    # The dateline and agency are in the lead of English copy; Urdu copy names them here.
    if a["lang"] != "en" or hugo or rng.random() < 0.5:
        fm.append("dateline: %s" % yq(a["place"]))
        fm.append("agencies: [%s]" % yq(a["agency"]))
    if with_topics and a["topics"]:
        fm.append("topics: [%s]" % ", ".join(yq(t) for t in a["topics"]))
    if a["tags"]:
        fm.append("tags: [%s]" % ", ".join(yq(t) for t in a["tags"]))
    if a["keywords"]:
        fm.append("keywords: [%s]" % ", ".join(yq(k) for k in a["keywords"]))
    fm.append("---")
    return "\n".join(fm) + "\n"


def write_sites(arts, out, with_topics, hugo_layouts):
    bs, hs = os.path.join(out, "broadsheet"), os.path.join(out, "hugo")
    for d in (bs, hs):
        if os.path.isdir(os.path.join(d, "content")):
            shutil.rmtree(os.path.join(d, "content"))
        os.makedirs(os.path.join(d, "content"), exist_ok=True)
    with open(os.path.join(bs, "site.toml"), "w") as f:
        f.write(SITE_TOML)
    if hugo_layouts:
        for name in os.listdir(hugo_layouts):
            src = os.path.join(hugo_layouts, name)
            dst = os.path.join(hs, name)
            if os.path.isdir(src):
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(src, dst)
            else:
                shutil.copy(src, dst)
    rng = random.Random(7)
    for a in arts:
        ym = a["date"].strftime("%Y/%m")
        body = "\n\n".join(a["paras"]) + "\n"
        hbody = a["paras"][0] + "\n\n<!--more-->\n\n" + "\n\n".join(a["paras"][1:]) + "\n"
        state = rng.getstate()
        for root, sub, hugo in ((bs, ym, False), (hs, os.path.join("news", ym), True)):
            rng.setstate(state)
            d = os.path.join(root, "content", sub)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, a["slug"] + ".md"), "w", encoding="utf-8") as f:
                f.write(front_matter(a, hugo, with_topics, rng) + (hbody if hugo else body))
    truth = {a["slug"]: dict(cluster=a["cluster"], story=a["story"], topics=a["topics"], lang=a["lang"],
                        date=a["date"].strftime("%Y-%m-%dT%H:%M:%S")) for a in arts}
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, sort_keys=True, indent=0)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="folder for broadsheet/, hugo/ and truth.json (outside the repository)")
    ap.add_argument("--no-topics", action="store_true", help="leave editors' topics out of both sites (truth keeps them)")
    ap.add_argument("--urdu-share", type=float, default=0.1, help="share of running stories filed by the Urdu desk")
    args = ap.parse_args()
    arts = Newsroom(args.n, args.seed, args.urdu_share).generate()
    here = os.path.dirname(os.path.abspath(__file__))
    write_sites(arts, args.out, not args.no_topics, os.path.join(here, "hugo-related"))
    clusters = {a["cluster"] for a in arts}
    stories = {a["story"] for a in arts}
    print("%d articles, %d stories, %d clusters, %d in Urdu -> %s" % (
        len(arts), len(stories), len(clusters), sum(a["lang"] == "ur" for a in arts), args.out))


if __name__ == "__main__":
    main()
