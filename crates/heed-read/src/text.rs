//! The words of a line or a block, borrowed from the document where cleaning changed
//! nothing and owned where it did (markup removed, lines joined into a paragraph): most
//! of a document's lines are not copied, so a large document is not held twice or three
//! times while it is read (issue 13). It reads as a `&str` (`Deref`, `as_str`) and grows
//! as a `String` does (`push`, `push_str`), copying its words the first time it changes.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

/// Borrowed or owned text; see the module's doc.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text<'a>(Cow<'a, str>);

impl<'a> Text<'a> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The same words, borrowed from this one.
    pub fn borrowed(&self) -> Text<'_> {
        Text(Cow::Borrowed(&self.0))
    }
    /// The same words, owned: for text that must outlive what it was read from.
    pub fn into_owned(self) -> Text<'static> {
        Text(Cow::Owned(self.0.into_owned()))
    }
    pub fn push(&mut self, c: char) {
        self.0.to_mut().push(c);
    }
    pub fn push_str(&mut self, s: &str) {
        self.0.to_mut().push_str(s);
    }
    pub fn clear(&mut self) {
        self.0 = Cow::Borrowed("");
    }
    /// Gives back the room an owned text grew into and did not use: a paragraph joined
    /// line by line doubles its buffer as it grows, a third of it empty on average.
    pub fn shrink_to_fit(&mut self) {
        if let Cow::Owned(s) = &mut self.0 {
            s.shrink_to_fit();
        }
    }
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Self {
        Text(Cow::Borrowed(s))
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Text<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Text(s)
    }
}

impl From<Text<'_>> for String {
    fn from(t: Text<'_>) -> Self {
        t.0.into_owned()
    }
}

impl From<&Text<'_>> for String {
    fn from(t: &Text<'_>) -> Self {
        t.as_str().to_owned()
    }
}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text<'_> {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text<'_>> for str {
    fn eq(&self, other: &Text<'_>) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text<'_>> for &str {
    fn eq(&self, other: &Text<'_>) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text<'_>> for String {
    fn eq(&self, other: &Text<'_>) -> bool {
        **self == *other.0
    }
}
