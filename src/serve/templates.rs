//! Which templates a change reaches: the effective template set (as the theme
//! compiles it, [`crate::render::theme::resolve`]) and the `extends` / `include`
//! graph read from their sources.
//! Pure: template texts in, names out.

use std::collections::{BTreeMap, BTreeSet};

use crate::discover::TemplateSource;

/// Where translation tables stand among the names (no template name starts so).
const TABLE: &str = "\0i18n/";

/// Template name to text, as the theme compiles them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Templates {
    texts: BTreeMap<String, String>,
}

impl Templates {
    /// The set [`crate::render::theme::resolve`] makes of `sources`, as the theme
    /// compiles it.
    pub fn new(sources: &[TemplateSource]) -> Self {
        let texts = crate::render::theme::resolve(sources)
            .into_iter()
            .map(|t| (t.name, t.text.to_string()))
            .collect();
        Templates { texts }
    }

    /// Adds the translation tables, as `i18n/<file>`: every template reads them
    /// through `t`, so a change to one reaches every page.
    pub fn with_translations(mut self, tables: &[TemplateSource]) -> Self {
        for t in tables {
            let name = format!(
                "{TABLE}{}{}",
                if t.from_theme { "theme/" } else { "" },
                t.name
            );
            self.texts.insert(name, t.text.clone());
        }
        self
    }

    /// Names whose text differs between `self` and `new`, or that only one of them has.
    pub fn changed(&self, new: &Templates) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (name, text) in &self.texts {
            if new.texts.get(name) != Some(text) {
                out.insert(name.clone());
            }
        }
        for name in new.texts.keys() {
            if !self.texts.contains_key(name) {
                out.insert(name.clone());
            }
        }
        out
    }

    /// Whether a change to `changed` can alter what `template` renders: it is one of
    /// them, or extends or includes one of them at any depth. A changed template that
    /// defines components (usable from any template) reaches every template.
    pub fn reaches(&self, changed: &BTreeSet<String>) -> Reach {
        if changed.iter().any(|n| {
            n.starts_with(TABLE) || self.texts.get(n).is_some_and(|t| defines_component(t))
        }) {
            return Reach::All;
        }
        let mut hit: BTreeSet<String> = changed.clone();
        // Walk up: whoever uses a hit template is hit too, until nothing is added.
        loop {
            let before = hit.len();
            for (name, text) in &self.texts {
                if !hit.contains(name) && uses(text).iter().any(|u| u == ANY || hit.contains(u)) {
                    hit.insert(name.clone());
                }
            }
            if hit.len() == before {
                break;
            }
        }
        Reach::Some(hit)
    }
}

/// The templates a change reaches.
#[derive(Debug, Clone, PartialEq)]
pub enum Reach {
    All,
    Some(BTreeSet<String>),
}

impl Reach {
    pub fn contains(&self, template: &str) -> bool {
        match self {
            Reach::All => true,
            Reach::Some(s) => s.contains(template),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Reach::Some(s) if s.is_empty())
    }
}

/// What [`uses`] returns for a `cached_partial` call whose template is not written
/// out: it may render any template.
const ANY: &str = "*";

/// Names in `{% extends "x" %}` and `{% include "x" %}` tags and in
/// `cached_partial(template="x", ...)` calls ([`ANY`] when the name is not a literal).
pub fn uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("{%") {
        rest = &rest[i + 2..];
        let tag = rest.trim_start_matches('-').trim_start();
        let Some(after) = tag
            .strip_prefix("extends")
            .or_else(|| tag.strip_prefix("include"))
        else {
            continue;
        };
        out.extend(quoted(after.trim_start()));
    }
    let mut rest = text;
    while let Some(i) = rest.find("cached_partial(") {
        rest = &rest[i + "cached_partial(".len()..];
        let call = &rest[..rest.find(')').unwrap_or(rest.len())];
        let name = call.find("template").and_then(|t| {
            let value = call[t + "template".len()..]
                .trim_start()
                .strip_prefix('=')?;
            quoted(value.trim_start())
        });
        out.push(name.unwrap_or_else(|| ANY.to_string()));
    }
    out
}

/// The text of the string literal `text` starts with.
fn quoted(text: &str) -> Option<String> {
    let quote = text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let end = text[1..].find(quote)?;
    Some(text[1..1 + end].to_string())
}

fn defines_component(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find("{%") {
        rest = &rest[i + 2..];
        if rest
            .trim_start_matches('-')
            .trim_start()
            .starts_with("component ")
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, text: &str, from_theme: bool) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            origin: name.into(),
            text: text.into(),
            from_theme,
        }
    }

    #[test]
    fn reads_extends_and_include() {
        for (text, want) in [
            ("{% extends \"base.html\" %}", vec!["base.html"]),
            (
                "{%- include 'partials/card.html' -%}",
                vec!["partials/card.html"],
            ),
            (
                "{%extends \"a\"%}{% block x %}{% include \"b\" %}{% endblock %}",
                vec!["a", "b"],
            ),
            ("{% if x %}extends \"no\"{% endif %}", vec![]),
            ("{{ include }}", vec![]),
            (
                "{{ cached_partial(template=\"partials/card.html\", card=card) }}",
                vec!["partials/card.html"],
            ),
            (
                "{{ cached_partial(card=c, template = 'item.html') }}",
                vec!["item.html"],
            ),
            ("{{ cached_partial(template=name, card=c) }}", vec![ANY]),
        ] {
            assert_eq!(uses(text), want, "{text}");
        }
    }

    #[test]
    fn a_partial_change_reaches_its_users_only() {
        let t = Templates::new(&[
            src(
                "base.html",
                "<body>{% block main %}{% endblock %}</body>",
                true,
            ),
            src("card.html", "card", true),
            src(
                "list.html",
                "{% extends \"base.html\" %}{% include \"card.html\" %}",
                true,
            ),
            src("article.html", "{% extends \"base.html\" %}", true),
            src("404.html", "plain", true),
        ]);
        let reach = t.reaches(&["card.html".to_string()].into());
        assert!(reach.contains("list.html"));
        assert!(!reach.contains("article.html"));
        let reach = t.reaches(&["base.html".to_string()].into());
        assert!(reach.contains("article.html") && reach.contains("list.html"));
        assert!(!reach.contains("404.html"));
    }

    #[test]
    fn cached_partials_reach_their_callers() {
        let t = Templates::new(&[
            src("card.html", "card", true),
            src(
                "list.html",
                "{{ cached_partial(template=\"card.html\", card=c) }}",
                true,
            ),
            src(
                "home.html",
                "{{ cached_partial(template=t, card=c) }}",
                true,
            ),
            src("404.html", "plain", true),
        ]);
        let reach = t.reaches(&["card.html".to_string()].into());
        assert!(reach.contains("list.html"));
        // The name is not written out: it may be any template.
        assert!(reach.contains("home.html"));
        assert!(!reach.contains("404.html"));
    }

    #[test]
    fn site_templates_replace_the_theme_and_keep_theme_names() {
        let old = Templates::new(&[src("article.html", "theme", true)]);
        let new = Templates::new(&[
            src("article.html", "theme", true),
            src(
                "article.html",
                "{% extends \"theme/article.html\" %}",
                false,
            ),
        ]);
        // `theme/article.html` is compiled only once a site template names it.
        assert_eq!(
            old.changed(&new),
            ["article.html".to_string(), "theme/article.html".to_string()].into()
        );
        let reach = new.reaches(&["theme/article.html".to_string()].into());
        assert!(reach.contains("article.html"));
    }

    #[test]
    fn components_reach_everything() {
        let t = Templates::new(&[src(
            "macros.html",
            "{% component Card(x) %}{% endcomponent %}",
            true,
        )]);
        assert_eq!(t.reaches(&["macros.html".to_string()].into()), Reach::All);
    }
}
