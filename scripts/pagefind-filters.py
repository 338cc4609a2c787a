# Marks every article page of a broadsheet output with Pagefind filters (agency, year)
# so Pagefind's facet browse can be measured on the same output.
import os, re, sys
root = sys.argv[1]
n = 0
for dirpath, _, files in os.walk(root):
    rel = os.path.relpath(dirpath, root)
    if 'index.html' not in files or not re.match(r'^\d{4}/\d\d/\d\d/[^/]+$', rel):
        continue
    p = os.path.join(dirpath, 'index.html')
    s = open(p, encoding='utf-8').read()
    agencies = sorted(set(re.findall(r'href="/agencies/([^/"]+)/"', s)))
    tags = ''.join(f'<span data-pagefind-filter="agency">{a}</span>' for a in agencies)
    tags += f'<span data-pagefind-filter="year">{rel[:4]}</span>'
    s2 = s.replace('</main>', f'<div hidden>{tags}</div></main>', 1)
    if s2 != s:
        open(p, 'w', encoding='utf-8').write(s2); n += 1
print(n, "article pages marked")
