//! One macro for every closed word list of the spec (roles, states, items, codes): each gets
//! its wire name, `ALL`, parsing and serde from the same line, so the JSON and Rust names
//! cannot drift apart. This module imports nothing of the crate: every layer may use it.

/// Declares a unit-variant enum whose JSON form is the given snake_case word.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the spec's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spec's identifier, as it appears in JSON.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The value whose identifier is `s`, if any.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl $crate::vocab::Word for $name {
            const WORDS: &'static [Self] = Self::ALL;
            const KIND: &'static str = stringify!($name);
            fn as_word(self) -> &'static str { self.as_str() }
            fn parse_word(s: &str) -> Option<Self> { Self::parse(s) }
            // `ALL` lists the variants in declaration order, and none has a set discriminant.
            fn place(self) -> usize { self as usize }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::vocab::UnknownWord;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or($crate::vocab::UnknownWord { kind: stringify!($name) })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        // The schema's words are the same list `parse` reads (docs/schema/).
        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({"type": "string", "enum": [$($wire),+]})
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&s).ok_or_else(|| {
                    ::serde::de::Error::unknown_variant(&s, &[$($wire),+])
                })
            }
        }
    };
}

pub(crate) use vocabulary;

/// What every vocabulary enum offers, for code generic over word lists (parsing, labels).
pub trait Word: Sized + Copy + 'static {
    const WORDS: &'static [Self];
    const KIND: &'static str;
    fn as_word(self) -> &'static str;
    fn parse_word(s: &str) -> Option<Self>;
    /// The word's place in `WORDS`.
    fn place(self) -> usize;
}

/// Appends the texts not yet in `out`, in their order: for lists of words each given once
/// (the state words, the words effects carry).
pub(crate) fn push_new(out: &mut Vec<&'static str>, texts: impl IntoIterator<Item = &'static str>) {
    for text in texts {
        if !out.contains(&text) {
            out.push(text);
        }
    }
}

/// [`push_new`] of a vocabulary's words.
pub(crate) fn push_new_words<W: Word>(out: &mut Vec<&'static str>) {
    push_new(out, W::WORDS.iter().map(|w| w.as_word()));
}

/// A word that is not in its list: names the list (`Role`), never the word, which is input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownWord {
    pub kind: &'static str,
}

impl std::fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a known {}", self.kind)
    }
}

impl std::error::Error for UnknownWord {}
