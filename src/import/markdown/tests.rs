//! The Markdown importer on fixtures of each layout real collections use,
//! written in our own words. Each test pins the whole import as a snapshot.

use crate::import::testing::{assert_ids_are_bank_slugs, assert_round_trip, MARKDOWN};
use crate::import::{import, Format, Imported, NavKind};

const LIST_HEADINGS: &str =
    include_str!("../../../tests/fixtures/import-markdown/list-headings.md");
const Q_PREFIX: &str = include_str!("../../../tests/fixtures/import-markdown/q-prefix.md");
const SECTIONS: &str = include_str!("../../../tests/fixtures/import-markdown/sections.md");
const SUMMARIES: &str = include_str!("../../../tests/fixtures/import-markdown/summaries.md");
const LABELLED: &str = include_str!("../../../tests/fixtures/import-markdown/labelled.md");
const QUESTION_LIST: &str =
    include_str!("../../../tests/fixtures/import-markdown/question-list.md");
const QUIZ: &str = include_str!("../../../tests/fixtures/import-markdown/quiz.md");
const TRANSLATED: &str = include_str!("../../../tests/fixtures/import-markdown/translated.md");
const TOPICS: &str = include_str!("../../../tests/fixtures/import-markdown/topics.md");
const FOLDED_QUIZ: &str = include_str!("../../../tests/fixtures/import-markdown/folded-quiz.md");
const TITLED: &str = include_str!("../../../tests/fixtures/import-markdown/titled.md");

/// The import as text: one block per question.
fn snapshot(imported: &Imported) -> String {
    let mut out = String::new();
    for q in &imported.questions {
        out.push_str(&format!("## {} | {} | {}\n", q.id, q.section, q.question));
        if !q.body.is_empty() {
            out.push_str(&format!("body:\n{}\n", q.body));
        }
        out.push_str(&format!("why: {}\nanswer:\n{}\n", q.why, q.answer));
    }
    out
}

/// The imported questions' texts, in order.
fn questions(imported: &Imported) -> Vec<&str> {
    imported
        .questions
        .iter()
        .map(|q| q.question.as_str())
        .collect()
}

fn checked(text: &str) -> Imported {
    assert_eq!(Format::Auto.resolve(text), Format::Markdown);
    let imported = import(text, Format::Auto);
    assert_ids_are_bank_slugs(&imported);
    assert_round_trip(&imported);
    imported
}

#[test]
fn list_item_headings_with_contents_badges_details_and_subheadings() {
    let imported = checked(LIST_HEADINGS);
    assert_eq!(
        snapshot(&imported),
        r#"## what-is-a-trowel-for | Hand tools | What is a trowel for?
why: 
answer:
A trowel is a small hand tool for digging planting holes and moving soil.

It is also handy for weeding between rows.
## why-its-advised-to-oil-shears | Hand tools | Why it's advised to oil `shears`?
why: 
answer:
Oil keeps the pivot moving freely and stops rust:

```sh
oil --drops 2 shears.pivot
```

**Example**

| Tool | Oil every |
| --- | --- |
| Shears | month |
| Loppers | season |

**Example: Storing state**

- Wipe the blades
  - then dry them
- Hang them up

Linseed oil soaks into wooden handles as well.\
Wipe off the excess after an hour.
## how-do-you-store-a-hose | Watering | How do you store a *hose*?
why: 
answer:
Drain it, coil it loosely and keep it out of the sun.

![A coiled hose](images/hose.png)
"#
    );
    assert_eq!(
        format!("{:?}", imported.dropped),
        "[(BackToTop, 3), (Contents, 1), (Badge, 1)]"
    );
    assert_eq!(
        format!("{:?}", imported.warnings),
        r#"["ignored 1 block under \"Disclaimer\": no question there"]"#
    );
}

#[test]
fn q_prefix_questions_group_headings_html_navigation_and_unanswered_level_four() {
    let imported = checked(Q_PREFIX);
    assert_eq!(
        snapshot(&imported),
        r#"## what-does-kneading-do | Dough | What does kneading do?
why: 
answer:
Kneading develops gluten, which traps the gas that makes bread rise.

| Flour | Protein |
| --- | --- |
| Bread | 13% |
| Cake | 8% |
## how-long-should-dough-rise | Dough | How long should dough rise?
why: 
answer:
Until it has roughly doubled, usually one to two hours.
## why-bake-with-steam | Baking | Why bake with steam?
why: 
answer:
Steam keeps the crust soft for the first minutes, so the loaf can expand.

```python
oven.steam(minutes=10)
```
## what-is-a-poolish | Baking | What is a poolish?
why: 
answer:

## why-score-the-loaf | Baking | Why score the loaf?
why: 
answer:

"#
    );
    assert_eq!(format!("{:?}", imported.dropped), "[(BackToTop, 3), (Contents, 1), (PreviousNext, 1), (Copyright, 1), (Other, 1), (EmptyHtml, 2)]");
    assert_eq!(
        format!("{:?}", imported.warnings),
        r#"["question 4 \"What is a poolish?\" has no example answer", "question 5 \"Why score the loaf?\" has no example answer"]"#
    );
}

#[test]
fn section_headings_over_question_headings_with_labels_and_quotes() {
    let imported = checked(SECTIONS);
    assert_eq!(
        snapshot(&imported),
        r#"## how-do-you-give-hard-feedback | People | How do you give hard feedback?
why: They want to see that you are direct and kind at once.
answer:
I give it early, in private, and about the work rather than the person.
## how-do-you-run-a-one-to-one | People | How do you run a one-to-one?
why: A one-to-one shows whether you listen.
answer:
I let the report set the agenda and keep my own points for the end.
## how-do-you-estimate-a-project | Planning | How do you estimate a project?
why: 
answer:
I break it into pieces of a day or two, estimate each, and add a margin for what we do not know yet.
## what-do-you-do-when-a-deadline-slips | Planning | What do you do when a deadline slips?
why: 
answer:
I tell the people who depend on it the same day.

Then I look at what we can cut.
"#
    );
    assert_eq!(format!("{:?}", imported.dropped), "[(BackToTop, 1)]");
    assert_eq!(format!("{:?}", imported.warnings), r#"[]"#);
}

/// The no-answer listing, and the summary `import` prints.
#[test]
fn unanswered_questions_are_listed_in_the_summary() {
    let imported = checked(Q_PREFIX);
    assert_eq!(
        imported.summary("q-prefix.md"),
        "found 5 questions in q-prefix.md (markdown)\n  Dough: 2\n  Baking: 3\n\
         2 without an answer: what-is-a-poolish, why-score-the-loaf\n\
         dropped as navigation: 3 back-to-top links, 1 table of contents, \
         1 previous/next link, 1 copyright line, 1 other navigation line, \
         2 empty HTML blocks\n"
    );
}

/// The older fixture: no paragraph turns into guidance without a label.
#[test]
fn unlabelled_paragraphs_are_answer_not_guidance() {
    let imported = checked(MARKDOWN);
    assert!(imported.questions.iter().all(|q| q.why.is_empty()));
    let q = &imported.questions[2];
    assert_eq!(q.question, "How do you say no to a customer?");
    assert!(q.answer.starts_with("Saying no well is a skill."));
    assert!(q.answer.ends_with("a date for the feature."));
    assert_eq!(imported.questions.len(), 6);
    // What comes before `### Example answer` is what the question shows.
    assert!(imported.questions[5]
        .body
        .contains("```sh\n# attach this output"));
    assert!(imported.questions[5].answer.contains("A customer reported"));
    assert!(!imported.questions[5].body.contains("A customer"));
}

/// Inline Markdown in headings stays Markdown, escapes resolved; a whole
/// bold heading loses its bold; prefixes go.
#[test]
fn heading_markup() {
    let text = "## Q. Why it\\'s advised to use `useMemo`?\n\nBecause.\n\n\
                ## **Q12: Bold _and_ [linked](https://example.com)?**\n\nYes.\n\n\
                ## Question: Plain?\n\nYes.\n";
    let imported = checked(text);
    let got = questions(&imported);
    assert_eq!(
        got,
        [
            "Why it's advised to use `useMemo`?",
            "Bold *and* [linked](https://example.com)?",
            "Plain?"
        ]
    );
}

/// `## Sections` over `### questions` make no empty questions, whatever the
/// question headings end with.
#[test]
fn section_headings_are_not_questions() {
    let text = "# Guide\n\n## Basics\n\n### Describe a cache\n\nIt keeps copies.\n\n\
                ### Describe a queue\n\nIt orders work.\n\n## Advanced\n\n\
                ### Describe a lock\n\nIt serialises access.\n";
    let imported = checked(text);
    let got: Vec<(&str, &str)> = imported
        .questions
        .iter()
        .map(|q| (q.section.as_str(), q.question.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Basics", "Describe a cache"),
            ("Basics", "Describe a queue"),
            ("Advanced", "Describe a lock")
        ]
    );
}

/// Deep nesting of every container comrak knows finishes without
/// exhausting the stack.
#[test]
fn deep_nesting_never_overflows() {
    let depth = 20_000;
    for unit in ["> ", "- ", "1. ", "* ### q\n  ", "1.  ### q\n"] {
        let text = format!("## Q. Deep?\n\n{}text\n", unit.repeat(depth));
        let imported = import(&text, Format::Markdown);
        assert_round_trip(&imported);
    }
    // Nesting by indentation: each level three columns further in.
    let mut nested = String::new();
    for level in 0..3_000 {
        nested.push_str(&" ".repeat(3 * level));
        nested.push_str("1. ### Q?\n");
    }
    let imported = import(&nested, Format::Markdown);
    assert!(!imported.questions.is_empty());
    assert_eq!(NavKind::BackToTop.describe(1), "1 back-to-top link");
}

#[test]
fn questions_asked_in_details_summaries_under_topic_headings() {
    let imported = checked(SUMMARIES);
    assert_eq!(
        snapshot(&imported),
        r#"## what-does-compost-add-to-soil | Soil | What does compost add to soil?
why: 
answer:
It adds organic matter, which holds water and feeds soil life.
## explain-ph-in-a-sentence | Soil | Explain `pH` in a sentence.
why: 
answer:
How acid or alkaline the soil is, on a scale from 0 to 14.

Most vegetables like 6 to 7.
## explain-mulching | Soil | Explain mulching.
why: 
answer:

## what-does-this-planting-plan-print | Soil | What does this planting plan print?
body:
```text
row 1: beans
row 2: leeks
```
why: 
answer:
Two rows, beans first.

The plan lists rows in the order they were dug.
## when-is-the-best-time-to-water | Watering | When is the best time to water?
why: 
answer:
Early morning, so leaves dry before night.
## why-water-the-roots-and-not-the-leaves | Watering | Why water the roots and not the leaves?
why: 
answer:
Wet leaves invite mildew.
"#
    );
    assert_eq!(format!("{:?}", imported.dropped), "[(Contents, 1)]");
    assert_eq!(
        format!("{:?}", imported.warnings),
        r#"["question 3 \"Explain mulching.\" has no example answer", "ignored 1 block under \"Watering\": no question there"]"#
    );
}

/// "Answer" and "Click to expand" summaries fold the answers of heading
/// questions; they are not questions, and a document with two question-like
/// summaries still asks in its headings.
#[test]
fn toggle_summaries_and_a_few_folded_questions_leave_heading_questions_alone() {
    let text = "## Why rotate crops?\n\n<details>\n<summary>Answer</summary>\n\nPests lose their host.\n</details>\n\n## How deep do you plant garlic?\n\n<details><summary>Click to expand the reply</summary>\n\nTwice the clove's height.\n</details>\n\n<details><summary>What else goes deep?</summary>\nLeeks.\n</details>\n";
    let imported = checked(text);
    let questions = questions(&imported);
    assert_eq!(
        questions,
        ["Why rotate crops?", "How deep do you plant garlic?"]
    );
    assert_eq!(imported.questions[0].answer, "Pests lose their host.");
}

/// An indented code block comes out fenced, its first line's indent intact.
#[test]
fn indented_code_in_an_answer_is_written_fenced() {
    let imported = checked("## How is the bed laid out?\n\n    north: beans\n      south: leeks\n");
    assert_eq!(
        imported.questions[0].answer,
        "```\nnorth: beans\n  south: leeks\n```"
    );
}

/// A bulleted list of questions: follow-ups join their question's line, a
/// nested bullet that tells is the answer, the front matter's title names
/// the first section, and a bullet that asks nothing is text outside the
/// questions.
#[test]
fn bulleted_questions_with_follow_ups_under_a_front_matter_title() {
    let imported = checked(QUESTION_LIST);
    assert_eq!(
        snapshot(&imported),
        r#"## what-is-a-cold-frame-for | Allotment questions | What is a cold frame for?
why: 
answer:
- A glass box that warms seedlings.
## explain-crop-rotation-which-family-would-you | Allotment questions | Explain crop rotation. Which family would you plant first? How many beds does it need?
why: 
answer:

## how-do-you-keep-slugs-off-lettuce | Allotment questions | How do you keep slugs off lettuce?
why: 
answer:
Copper tape around the bed, and beer traps.
## describe-how-you-would-double-dig-a-bed | Practical | Describe how you would double-dig a bed.
why: 
answer:

## when-do-you-sow-broad-beans | Practical | When do you sow broad beans?
why: 
answer:

"#
    );
    assert_eq!(
        format!("{:?}", imported.warnings),
        r#"["question 2 \"Explain crop rotation. Which family would you plant first? How many beds does...\" has no example answer", "question 4 \"Describe how you would double-dig a bed.\" has no example answer", "question 5 \"When do you sow broad beans?\" has no example answer", "ignored 1 block under \"Allotment questions\": no question there"]"#
    );
}

/// A list of questions with no answer at all gets one warning, not one a
/// question.
#[test]
fn a_list_without_any_answer_is_one_warning() {
    let imported = checked("* Why mulch?\n* How deep is a trench?\n* Explain composting.\n");
    assert_eq!(imported.questions.len(), 3);
    assert_eq!(
        imported.warnings,
        ["none of the 3 questions has an example answer (a list to practise with)"]
    );
}

/// Code and options before an answer folded under "Answer" are what the
/// question shows; a fold that only holds an example ("See the class
/// version") keeps the text before it in the answer.
#[test]
fn blocks_before_a_folded_answer_are_the_questions_body() {
    let text = "## What does this print?\n\n```js\nconsole.log(1 + 1)\n```\n\n- A: 2\n- B: 11\n\n<details><summary><b>Answer</b></summary>\n\nA, numbers add.\n\n</details>\n\n## How do you read a file?\n\nWith a stream, chunk by chunk.\n\n<details><summary>See the class version</summary>\n\nA reader class.\n\n</details>\n\n## Why label answers?\n\n**Answer:** So they can be found.\n\n<details><summary>Answer</summary>\n\nMore.\n\n</details>\n";
    let imported = checked(text);
    let q = &imported.questions;
    assert_eq!(
        q[0].body,
        "```js\nconsole.log(1 + 1)\n```\n\n- A: 2\n- B: 11"
    );
    assert_eq!(q[0].answer, "A, numbers add.");
    assert_eq!(q[1].body, "");
    assert_eq!(
        q[1].answer,
        "With a stream, chunk by chunk.\n\nA reader class."
    );
    // A labelled answer before the fold is an answer, never a body.
    assert_eq!(q[2].body, "");
    assert_eq!(q[2].answer, "So they can be found.\n\nMore.");
}

/// `Question:` paragraphs: code and tables right after one are its body;
/// an unlabelled paragraph is its answer (it could give the answer away),
/// and so is all that follows it.
#[test]
fn labelled_question_paragraphs_with_code_and_tables_to_read() {
    let imported = checked(LABELLED);
    assert_eq!(
        snapshot(&imported),
        r#"## what-does-this-planting-script-print | Garden puzzles | What does this planting script print?
body:
```python
print(len(["leek", "bean"]))
```
why: 
answer:

## which-row-is-watered-first | Garden puzzles | Which row is watered first?
body:
| Row | Sown |
| --- | --- |
| 1 | May |
| 2 | April |
why: 
answer:
Row 2, sown earlier.
## how-many-hours-of-sun-do-tomatoes-need | Garden puzzles | How many hours of sun do tomatoes need?
why: 
answer:
Six to eight, in full sun.

```text
shade cloth: off
```
"#
    );
}

/// Multiple choice as task lists: the options, every box empty, are the
/// body; the ticked ones and what follows are the answer. A list with
/// nothing ticked, or options after a labelled answer, stay answer.
#[test]
fn task_list_options_are_the_body_and_the_ticks_the_answer() {
    let imported = checked(QUIZ);
    let q = &imported.questions;
    assert_eq!(q.len(), 6);
    assert_eq!(
        q[0].body,
        "- [ ] A whisk\n- [ ] A serrated knife\n- [ ] A ladle"
    );
    assert_eq!(
        q[0].answer,
        "- [x] A serrated knife\n\n[Reference](https://example.org/bread)"
    );
    assert_eq!(
        q[1].body,
        "```text\n1. preheat\n2. knead\n```\n\n- [ ] Preheat the oven\n- [ ] Knead the dough"
    );
    assert_eq!(
        q[1].answer,
        "- [x] Preheat the oven\n\n**Explanation:** cards list steps in order."
    );
    assert_eq!(q[2].body, "- [ ] Carrot\n- [ ] Lettuce\n- [ ] Beetroot");
    assert_eq!(q[2].answer, "- [x] Carrot\n- [X] Beetroot");
    // The tick of a question nested into an option is hidden too.
    assert!(q[3].body.starts_with("- [ ] Cumin"), "{}", q[3].body);
    assert!(
        q[3].body.contains("- [ ] Its ticked option"),
        "{}",
        q[3].body
    );
    assert!(q[3].answer.starts_with("- [x] Cinnamon"), "{}", q[3].answer);
    assert!(
        q[3].answer.contains("- [x] Its ticked option"),
        "{}",
        q[3].answer
    );
    assert_eq!(q[4].body, "");
    assert_eq!(q[4].answer, "- [ ] Salt\n- [ ] Pepper");
    assert_eq!(q[5].body, "");
    // No body may show which option is right.
    for question in q {
        assert!(!question.body.contains("[x]") && !question.body.contains("[X]"));
    }
}

/// Questions at level 6, each folding `#### Answer: X` and its explanation
/// inside `<details><p>…</p>`: the label heading is the answer's first
/// line, the wrapper tags go, and a numbered statement is a question too.
#[test]
fn folded_answers_with_answer_headings_and_statement_questions() {
    let imported = checked(FOLDED_QUIZ);
    assert_eq!(
        snapshot(&imported),
        r#"## what-does-this-label-print | Pantry puzzles | What does this label print?
body:
```text
print("jam")
```

- A: `jam`
- B: `ham`
why: 
answer:
**A**

The label prints the word it was given.
## every-jar-needs-a-lid | Pantry puzzles | Every jar needs a lid.
body:
- A: true
- B: false
why: 
answer:
**B**

Open jars of flour do fine under a cloth.
## which-shelf-holds-the-salt | Pantry puzzles | Which shelf holds the salt?
body:
- A: The top one
- B: The bottom one
why: 
answer:
**B**

Heavy things go low.
"#
    );
}

/// A heading that only names a topic, then a paragraph that asks: the
/// paragraph is the question's body, shown with the heading. A paragraph
/// that does not end in a question mark stays in the answer, even one
/// that opens with an asking word ("When …") or verb ("Tell me …").
#[test]
fn a_topic_heading_shows_the_paragraph_that_asks() {
    let imported = checked(TOPICS);
    assert_eq!(
        snapshot(&imported),
        r#"## compost-heaps | Soil | Compost Heaps
body:
Why does a compost heap get warm? Can you sketch one that would?
why: 
answer:

## crop-rotation | Soil | Crop Rotation
why: 
answer:
Tell me how you would rotate four beds over four years.
## watering | Soil | Watering
why: 
answer:
When the top inch of soil is dry, water at the roots and not the leaves.
## mulch | Soil | Mulch
body:
What is mulch for?
why: 
answer:
Mulch keeps moisture in and weeds down.
"#
    );
}

/// Translated collections: full-width question marks ask, and the folded
/// answer's heading says "answer" in the collection's language.
#[test]
fn translated_questions_and_answer_headings() {
    let imported = checked(TRANSLATED);
    let q = &imported.questions;
    assert_eq!(q.len(), 3, "{}", snapshot(&imported));
    assert_eq!(q[0].question, "哪种工具最适合松土？");
    assert_eq!(q[0].answer, "**B**\n\n耙子能把土表弄松。");
    assert_eq!(q[1].answer, "**B**\n\nWasser gehört an die Wurzeln.");
    assert_eq!(q[2].answer, "**A**\n\nLas habas aguantan el frío.");
    for question in q {
        assert!(question.body.starts_with("- A: "), "{}", question.body);
    }
}

#[test]
fn numbered_headings_keep_an_unnumbered_aside_out_of_the_questions() {
    let text = "# Kitchen questions\n\n## Basics\n\n\
                ### 1. Why rest dough?\n\nThe gluten relaxes.\n\n\
                ### 2- How hot should the oven be?\n\nAbout 230 degrees.\n\n\
                ### 3. Explain proofing.\n\nThe last rise before baking.\n\n\
                ### Handy tools\n\n```text\nscale  bench knife  peel\n```\n\n\
                ### Explain scoring\n\nA cut that lets the loaf open.\n";
    let imported = checked(text);
    let asked = questions(&imported);
    assert_eq!(
        asked,
        [
            "Why rest dough?",
            "How hot should the oven be?",
            "Explain proofing.",
            "Explain scoring"
        ]
    );
    assert_eq!(imported.questions[2].answer, "The last rise before baking.");
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("under \"Handy tools\": no question there")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn a_bullet_answered_on_its_next_line_is_split_there() {
    let text = "# Garden notes\n\n\
                - Is compost ready in a month? \nRarely: three months is usual.\n\n\
                - Explain mulching.  \nA layer over the soil that keeps it moist.\n\n\
                - What does a cold frame protect\n  seedlings from?\n\n\
                - Why rotate crops?\n  What would you plant after beans?\n\n\
                - Which tools do you sharpen first?\n";
    let imported = checked(text);
    let pairs: Vec<(&str, &str)> = imported
        .questions
        .iter()
        .map(|q| (q.question.as_str(), q.answer.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "Is compost ready in a month?",
                "Rarely: three months is usual."
            ),
            (
                "Explain mulching.",
                "A layer over the soil that keeps it moist."
            ),
            ("What does a cold frame protect seedlings from?", ""),
            ("Why rotate crops? What would you plant after beans?", ""),
            ("Which tools do you sharpen first?", ""),
        ]
    );
}

/// One question per file, asked in the `#` title: its label goes, the
/// scenario before `## Answer guide` is what the question shows, the
/// numbered headings and a later `#` heading are the answer's, and the
/// contents under the title are dropped.
#[test]
fn a_file_that_asks_in_its_title_is_one_question() {
    let imported = checked(TITLED);
    assert_eq!(
        snapshot(&imported),
        "## which-tools-does-a-new-allotment-need | Imported | Which tools does a new allotment need?\n\
         body:\nA neighbour hands you an overgrown plot in March. What do you buy first?\n\
         why: \nanswer:\n\
         Start small: three tools cover the first season.\n\n\
         **1. A spade**\n\n\
         For turning the beds over before planting.\n\n\
         **Why this matters**\n\n\
         Clay soil compacts, and roots cannot get through it.\n\n\
         **2. A hoe**\n\n\
         ```text\nhoe weekly, in dry weather\n```\n\n\
         **Summary**\n\n\
         Buy a spade and a hoe, borrow the rest.\n"
    );
    assert_eq!(format!("{:?}", imported.dropped), "[(Contents, 1)]");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

/// A title that asks is only the question when nothing below asks: with a
/// question heading under it, the title names the section as before.
#[test]
fn a_title_that_asks_over_question_headings_is_a_section() {
    let text = "# Which tools?\n\n## What is a spade for?\n\nDigging.\n\n## What is a hoe for?\n\nWeeding.\n";
    let imported = checked(text);
    let q: Vec<_> = imported
        .questions
        .iter()
        .map(|q| (&*q.section, &*q.question))
        .collect();
    assert_eq!(
        q,
        [
            ("Which tools?", "What is a spade for?"),
            ("Which tools?", "What is a hoe for?")
        ]
    );
}

/// Blocks before a heading that is an answer label are what the question
/// shows when they ask or give code to read; a plain statement there may
/// be a short answer and stays in the answer, and before a quiz's
/// `#### Answer: D` the options stay in the answer for the choices to read.
#[test]
fn blocks_before_an_answer_heading_are_the_questions_body() {
    let text = "## Why did the build fail?\n\n```text\nKilled\n```\n\n### Example answer\n\nIt ran out of memory.\n\n## What is a cold frame?\n\nA glass box for seedlings.\n\n### Example answer\n\nIt shelters them.\n\n## Which is a root vegetable?\n\n- A: leek\n- B: carrot\n\n#### Answer: B\n";
    let imported = checked(text);
    let q = &imported.questions;
    assert_eq!(q[0].body, "```text\nKilled\n```");
    assert_eq!(q[0].answer, "It ran out of memory.");
    assert_eq!(q[1].body, "");
    assert_eq!(
        q[1].answer,
        "A glass box for seedlings.\n\nIt shelters them."
    );
    assert_eq!(q[2].body, "");
    assert!(q[2].answer.contains("**B**"), "{}", q[2].answer);
}

/// A list of questions each linking to its answer file, and headings that
/// link to their source: the link around the whole question goes (a
/// printed page cannot follow it), and the label inside it is cut.
#[test]
fn a_link_around_a_whole_question_is_dropped_with_the_label_inside_it() {
    let list = "## Garden tools\n\n- [Q1. What is a cloche for?](Q01.md)\n- [Question 02 - Why mulch in May?](Q02.md)\n- **[Q3. How deep is a trench?](Q03.md)**\n";
    let imported = checked(list);
    let q = questions(&imported);
    assert_eq!(
        q,
        [
            "What is a cloche for?",
            "Why mulch in May?",
            "How deep is a trench?"
        ]
    );
    assert_eq!(imported.questions[0].id, "what-is-a-cloche-for");
    let headings = "## [What is a cold frame?](https://example.org/frames#what)\n\nA glass box.\n\n## What is [tilth](https://example.org/tilth)?\n\nCrumbly soil.\n";
    let imported = checked(headings);
    assert_eq!(imported.questions[0].question, "What is a cold frame?");
    // A link inside the question, not around it, stays.
    assert_eq!(
        imported.questions[1].question,
        "What is [tilth](https://example.org/tilth)?"
    );
}

/// Bullets that ask inside the answers of asking headings are part of
/// those answers, however many there are: they never turn the document
/// into a list of questions.
#[test]
fn asking_bullets_inside_answers_do_not_outvote_question_headings() {
    let mut text = String::new();
    for n in 1..=3 {
        text.push_str(&format!(
            "## Question {n}: Explain crop rotation {n}. Why does it help?\n\n**Answer:**\n\n* It rests the soil.\n\n**Notes:**\n\n* Discuss legumes and nitrogen.\n* Explain how a four-bed plan works.\n\n"
        ));
    }
    let imported = checked(&text);
    let q = questions(&imported);
    assert_eq!(
        q,
        [
            "Explain crop rotation 1. Why does it help?",
            "Explain crop rotation 2. Why does it help?",
            "Explain crop rotation 3. Why does it help?"
        ]
    );
    assert!(imported.questions[0].answer.contains("Discuss legumes"));
}

/// Under headings that only name topics, asking bullets are still the
/// questions.
#[test]
fn asking_bullets_under_topic_headings_are_the_questions() {
    let text =
        "## Soil\n\n* What is tilth?\n* Why add compost?\n\n## Pests\n\n* How do you stop slugs?\n";
    let imported = checked(text);
    assert_eq!(imported.questions.len(), 3);
    assert_eq!(imported.questions[2].section, "Pests");
}

/// A file named by its question, titled with its topic only: one question,
/// asked by the name, with every heading part of the answer. Without the
/// name the same text is read by its headings.
#[test]
fn a_file_named_by_its_question_is_that_question() {
    let text =
        "# Cold frames\n\nA glass box over seedlings.\n\n## Example\n\nOne made of old windows.\n";
    let origin = crate::import::Origin {
        name: Some("What is a cold frame for"),
        pictures: None,
    };
    let named = crate::import::import_from(
        text,
        Format::Auto,
        &crate::import::Columns::default(),
        origin,
    )
    .unwrap();
    assert_eq!(
        snapshot(&named),
        "## what-is-a-cold-frame-for | Imported | What is a cold frame for\n\
         why: \nanswer:\n**Cold frames**\n\nA glass box over seedlings.\n\n**Example**\n\nOne made of old windows.\n"
    );
    let unnamed = import(text, Format::Auto);
    assert_eq!(unnamed.questions.len(), 1);
    assert_eq!(unnamed.questions[0].question, "Example");
}

/// A label heading over the title that asks only labels the file: the
/// question is the title, its answer what follows.
#[test]
fn a_label_heading_over_the_asking_title_is_left_out() {
    let text = "# Question 2 - Tools\n\n# Which tools does an allotment need?\n\nA spade and a hoe.\n\n## Later\n\nA barrow.\n";
    let imported = checked(text);
    assert_eq!(
        snapshot(&imported),
        "## which-tools-does-an-allotment-need | Imported | Which tools does an allotment need?\n\
         why: \nanswer:\nA spade and a hoe.\n\n**Later**\n\nA barrow.\n"
    );
}
