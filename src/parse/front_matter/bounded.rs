//! Reads front matter YAML into a `serde_yaml::Value` with a budget on the values it
//! builds, so no document (an alias bomb within serde_yaml's own limits) can cost
//! more than a few megabytes. Part of [`super`]: the crate's YAML stays in one place.

/// Most values (scalars, lists and maps, aliases counted each time they expand) the
/// YAML reader may build. serde_yaml bounds alias jumps by the document's size, but
/// one jump can copy a large anchor: this bounds the memory a file can cost.
pub(super) const MAX_YAML_VALUES: usize = 50_000;
pub(super) const TOO_MANY_VALUES: &str = "too many values";

/// Reads a YAML value like `serde_yaml::Value`'s own `Deserialize`, counting every
/// value it builds against `budget`.
pub(super) struct Bounded<'a> {
    pub(super) budget: &'a std::cell::Cell<usize>,
}

impl Bounded<'_> {
    fn spend<E: serde::de::Error>(&self) -> Result<(), E> {
        match self.budget.get().checked_sub(1) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(TOO_MANY_VALUES)),
        }
    }

    fn again(&self) -> Self {
        Bounded {
            budget: self.budget,
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Bounded<'_> {
    type Value = serde_yaml::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Bounded<'_> {
    type Value = serde_yaml::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Self::Value, E> {
        self.spend()?;
        Ok(serde_yaml::Value::Bool(b))
    }

    fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<Self::Value, E> {
        self.spend()?;
        Ok(serde_yaml::Value::Number(i.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Self::Value, E> {
        self.spend()?;
        Ok(serde_yaml::Value::Number(u.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Self::Value, E> {
        self.spend()?;
        Ok(serde_yaml::Value::Number(f.into()))
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        self.spend()?;
        Ok(serde_yaml::Value::String(s.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Self::Value, E> {
        self.spend()?;
        Ok(serde_yaml::Value::String(s))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.spend()?;
        Ok(serde_yaml::Value::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde::de::DeserializeSeed::deserialize(self, d)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        self.spend()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.again())? {
            items.push(item);
        }
        Ok(serde_yaml::Value::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        self.spend()?;
        let mut mapping = serde_yaml::Mapping::new();
        while let Some(key) = map.next_key_seed(self.again())? {
            if mapping.contains_key(&key) {
                return Err(serde::de::Error::custom(match &key {
                    serde_yaml::Value::String(k) => format!("duplicate entry with key \"{k}\""),
                    _ => "duplicate entry".to_string(),
                }));
            }
            let value = map.next_value_seed(self.again())?;
            mapping.insert(key, value);
        }
        Ok(serde_yaml::Value::Mapping(mapping))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.spend()?;
        let (tag, contents): (String, _) = data.variant()?;
        let value = serde::de::VariantAccess::newtype_variant_seed(contents, self.again())?;
        Ok(serde_yaml::Value::Tagged(Box::new(
            serde_yaml::value::TaggedValue {
                tag: serde_yaml::value::Tag::new(tag),
                value,
            },
        )))
    }
}
