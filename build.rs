//! Embeds templates/ into the binary so a release build needs no files beside it.

fn main() {
    minijinja_embed::embed_templates!("templates", &[".html", ".txt"][..]);
}
