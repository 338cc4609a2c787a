#!/usr/bin/env python3
"""Writes a deterministic WordPress export (WXR 1.2) of N posts, for import benchmarks.

    python3 scripts/gen-wxr.py 100000 > /tmp/wxr-100k.xml

Same N, same bytes. Posts are fictional local news written from word lists: half with
classic-editor bodies (no <p>, paragraphs from blank lines), half with block-editor
markup; categories, tags, authors, excerpts, captions, a featured image on one post in
ten (its attachment item included), comments with commenter details on one in five,
drafts, sticky and scheduled posts, pages, and menu items that are not imported.
"""

import random
import time
import sys

PLACES = ["Keelport", "Millbrook", "Port Alder", "Kellsby", "Rosset Head", "Brenmoor",
          "Lower Tarrow", "Glenhythe", "Saltmarsh", "Wickerby"]
NOUNS = ["council", "harbour", "ferry", "school", "bridge", "market", "library", "quarry",
         "lifeboat", "bakery", "mill", "footpath", "museum", "regatta", "festival",
         "hospital", "railway", "reservoir", "orchard", "theatre"]
VERBS = ["reopens", "closes", "expands", "wins funding", "faces delay", "celebrates",
         "votes on", "plans", "repairs", "welcomes"]
WORDS = ("the a of to and in on for with at by from after before over under near about "
         "residents council said would will new old plan year week month town village "
         "harbour water road school children families visitors money work repairs "
         "volunteers meeting report tuesday friday morning evening spring summer winter "
         "autumn weather storm tide boats fishing trade shops prices local county").split()
CATEGORIES = ["News", "Harbour", "Business", "Transport", "Education", "Community",
              "Environment", "Sport", "Arts", "Opinion"]
TAGS = ["flooding", "fishing", "tourism", "roads", "budget", "schools", "heritage",
        "wildlife", "housing", "weather", "rail", "health", "jobs", "events", "coast"]
AUTHORS = [("mhollis", "Maren Hollis"), ("tobyq", "Toby Quarrie"), ("ianstey", "Ina Anstey"),
           ("rfarrant", "Rue Farrant"), ("hrusk", "Halden Rusk")]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 4)))


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(20240306)
    out = sys.stdout
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8" ?>\n')
    w('<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
      'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n')
    w("<title>The County Courier</title>\n<link>https://courier.example.org</link>\n")
    w("<description>Generated benchmark export</description>\n<language>en-GB</language>\n")
    w("<wp:wxr_version>1.2</wp:wxr_version>\n")
    w("<wp:base_site_url>https://courier.example.org</wp:base_site_url>\n")
    w("<wp:base_blog_url>https://courier.example.org</wp:base_blog_url>\n")
    for i, (login, name) in enumerate(AUTHORS):
        w(f"<wp:author><wp:author_id>{i + 1}</wp:author_id><wp:author_login>{cdata(login)}"
          f"</wp:author_login><wp:author_email>{cdata(login + '@courier.example.org')}"
          f"</wp:author_email><wp:author_display_name>{cdata(name)}</wp:author_display_name>"
          "</wp:author>\n")
    for i, c in enumerate(CATEGORIES):
        w(f"<wp:category><wp:term_id>{i + 1}</wp:term_id><wp:category_nicename>{c.lower()}"
          f"</wp:category_nicename><wp:cat_name>{cdata(c)}</wp:cat_name></wp:category>\n")
    w("<generator>https://wordpress.org/?v=6.4.3</generator>\n")
    post_id = 1000
    base = 1262304000  # 2010-01-01 UTC
    for k in range(n):
        post_id += 2
        ts = base + k * 2400 + rng.randint(0, 1200)
        # time.gmtime is deterministic and needs no time zone.

        t = time.gmtime(ts)
        date = time.strftime("%Y-%m-%d %H:%M:%S", t)
        mod = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts + rng.choice([0, 0, 3600, 86400])))
        place = rng.choice(PLACES)
        title = f"{place} {rng.choice(NOUNS)} {rng.choice(VERBS)} {k}"
        slug = title.lower().replace(" ", "-")
        login, _ = rng.choice(AUTHORS)
        kind = "page" if k % 500 == 7 else ("nav_menu_item" if k % 1000 == 13 else "post")
        status = "draft" if k % 97 == 5 else ("future" if k == n - 1 else "publish")
        paras = [paragraph(rng) for _ in range(rng.randint(3, 7))]
        paras[0] = f"{place.upper()}, {time.strftime('%b', t).upper()} {t.tm_mday} – " + paras[0]
        thumb = None
        if k % 10 == 3:
            thumb = post_id + 1
            img = f"https://courier.example.org/wp-content/uploads/{t.tm_year}/{t.tm_mon:02}/photo-{k}.jpg"
            paras.insert(2, f'[caption id="attachment_{thumb}" align="alignnone" width="640"]'
                            f'<img class="size-full wp-image-{thumb}" src="{img}" alt="Photo {k}" '
                            f'width="640" height="427" /> {sentence(rng, 8)}[/caption]')
        if k % 2 == 0:
            body = "\n\n".join(paras)
        else:
            body = "\n\n".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->"
                               if not p.startswith("[caption") else p for p in paras)
            if k % 6 == 1:
                body += ("\n\n<!-- wp:list -->\n<ul><li>" + sentence(rng, 6) + "</li><li>"
                         + sentence(rng, 7) + "</li></ul>\n<!-- /wp:list -->")
        w("<item>\n")
        w(f"<title>{cdata(title)}</title>\n")
        w(f"<link>https://courier.example.org/{time.strftime('%Y/%m/%d', t)}/{slug}/</link>\n")
        pub_date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", t)
        w(f"<pubDate>{pub_date}</pubDate>\n")
        w(f"<dc:creator>{cdata(login)}</dc:creator>\n")
        w(f'<guid isPermaLink="false">https://courier.example.org/?p={post_id}</guid>\n')
        w("<description></description>\n")
        w(f"<content:encoded>{cdata(body)}</content:encoded>\n")
        excerpt = sentence(rng, 12) if k % 3 == 0 else ""
        w(f"<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n")
        w(f"<wp:post_id>{post_id}</wp:post_id>\n")
        w(f"<wp:post_date>{cdata(date)}</wp:post_date>\n")
        w(f"<wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>\n")
        w(f"<wp:post_modified>{cdata(mod)}</wp:post_modified>\n")
        w(f"<wp:post_modified_gmt>{cdata(mod)}</wp:post_modified_gmt>\n")
        w(f"<wp:comment_status>{cdata('open' if k % 4 else 'closed')}</wp:comment_status>\n")
        w(f"<wp:ping_status>{cdata('open')}</wp:ping_status>\n")
        w(f"<wp:post_name>{cdata(slug)}</wp:post_name>\n")
        w(f"<wp:status>{cdata(status)}</wp:status>\n")
        w("<wp:post_parent>0</wp:post_parent>\n<wp:menu_order>0</wp:menu_order>\n")
        w(f"<wp:post_type>{cdata(kind)}</wp:post_type>\n")
        w(f"<wp:post_password>{cdata('')}</wp:post_password>\n")
        w(f"<wp:is_sticky>{1 if k % 250 == 0 else 0}</wp:is_sticky>\n")
        for c in rng.sample(CATEGORIES, rng.randint(1, 2)):
            w(f'<category domain="category" nicename="{c.lower()}">{cdata(c)}</category>\n')
        for tag in rng.sample(TAGS, rng.randint(0, 4)):
            w(f'<category domain="post_tag" nicename="{tag}">{cdata(tag)}</category>\n')
        if thumb:
            w(f"<wp:postmeta><wp:meta_key>{cdata('_thumbnail_id')}</wp:meta_key>"
              f"<wp:meta_value>{cdata(str(thumb))}</wp:meta_value></wp:postmeta>\n")
        if k % 5 == 2:
            w(f"<wp:comment><wp:comment_id>{k}</wp:comment_id>"
              f"<wp:comment_author>{cdata('Reader ' + str(k))}</wp:comment_author>"
              f"<wp:comment_author_email>{cdata(f'reader{k}@mail.example.net')}</wp:comment_author_email>"
              f"<wp:comment_author_IP>{cdata('192.0.2.' + str(k % 250))}</wp:comment_author_IP>"
              f"<wp:comment_date>{cdata(mod)}</wp:comment_date>"
              f"<wp:comment_content>{cdata(sentence(rng, 10))}</wp:comment_content>"
              f"<wp:comment_approved>{cdata('1')}</wp:comment_approved></wp:comment>\n")
        w("</item>\n")
        if thumb:
            w("<item>\n")
            w(f"<title>{cdata('photo-' + str(k))}</title>\n")
            w(f"<pubDate>{pub_date}</pubDate>\n")
            w(f"<wp:post_id>{thumb}</wp:post_id>\n")
            w(f"<wp:post_date>{cdata(date)}</wp:post_date>\n")
            w(f"<wp:post_date_gmt>{cdata(date)}</wp:post_date_gmt>\n")
            w(f"<wp:post_name>{cdata('photo-' + str(k))}</wp:post_name>\n")
            w(f"<wp:status>{cdata('inherit')}</wp:status>\n")
            w(f"<wp:post_parent>{post_id}</wp:post_parent>\n")
            w(f"<wp:post_type>{cdata('attachment')}</wp:post_type>\n")
            w(f"<wp:attachment_url>{cdata(img)}</wp:attachment_url>\n")
            w(f"<wp:postmeta><wp:meta_key>{cdata('_wp_attachment_image_alt')}</wp:meta_key>"
              f"<wp:meta_value>{cdata('Photo ' + str(k))}</wp:meta_value></wp:postmeta>\n")
            w("</item>\n")
    w("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
