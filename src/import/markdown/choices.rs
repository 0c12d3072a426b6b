//! Multiple-choice questions written as task lists: the options as
//! `- [ ] option`, the right ones ticked `- [x]` (quiz collections such as
//! LinkedIn skill-assessment banks).
//!
//! The options are what the question shows, so they are its body, with
//! every box empty: a candidate copy prints them to tick, never which one is
//! right. The ticked options, and what follows the list (an explanation, a
//! reference), are the answer. Whatever comes before the list (code to
//! read) is shown with the question too, unless a label or a quote there
//! says where the answer starts.

use super::body::Parts;
use super::emit::Ctx;
use super::labels::paragraph_label;
use super::tree::Node;
use comrak::nodes::NodeValue;

/// A question's answer split around its list of options.
pub(super) struct Choices<'a> {
    before: Vec<Node<'a>>,
    list: Node<'a>,
    after: Vec<Node<'a>>,
}

/// The options of a question whose answer holds them, or `None` (and
/// `parts` untouched) when it has no such list: the question already has a
/// body or guidance, a label said where its answer is, the list is not a
/// task list of two or more options with some ticked and some not, or
/// something other than code or a plain paragraph comes before it.
pub(super) fn find<'a>(parts: &mut Parts<'a>) -> Option<Choices<'a>> {
    if parts.labelled || !parts.body.is_empty() || !parts.why.is_empty() {
        return None;
    }
    let at = parts.answer.iter().position(|b| is_options(b))?;
    // Only code, pictures and plain paragraphs may come before the options:
    // anything else could be part of the answer.
    let plain = parts.answer[..at].iter().all(|b| match &b.data().value {
        NodeValue::Paragraph => paragraph_label(b).is_none(),
        NodeValue::CodeBlock(_) => true,
        _ => false,
    });
    if !plain {
        return None;
    }
    let mut answer = std::mem::take(&mut parts.answer);
    let after = answer.split_off(at + 1);
    let list = answer.pop()?;
    Some(Choices {
        before: answer,
        list,
        after,
    })
}

/// Whether `block` is a task list of two or more items, some ticked and
/// some not.
fn is_options(block: Node<'_>) -> bool {
    if !matches!(block.data().value, NodeValue::List(_)) {
        return false;
    }
    let (mut ticked, mut open) = (0, 0);
    for item in block.children() {
        match &item.data().value {
            NodeValue::TaskItem(task) if task.symbol.is_some() => ticked += 1,
            NodeValue::TaskItem(_) => open += 1,
            _ => return false,
        }
    }
    ticked > 0 && open > 0
}

/// The question's body (what comes before the options, and the options
/// with empty boxes) and its answer (the ticked options, then what comes
/// after the list), as Markdown.
pub(super) fn render<'a>(ctx: &Ctx<'a>, choices: Choices<'a>) -> (String, String) {
    let Choices {
        mut before,
        list,
        after,
    } = choices;
    // Every box in the list is emptied, nested ones too: a list that runs
    // on into the next question in a badly indented source must not show
    // that question's tick either.
    let items: Vec<Node<'a>> = list.children().collect();
    let ticked: Vec<bool> = items.iter().map(|i| symbol(i).is_some()).collect();
    let boxes: Vec<(Node<'a>, Option<char>)> = list
        .descendants()
        .filter(|n| matches!(n.data().value, NodeValue::TaskItem(_)))
        .map(|n| (n, symbol(n)))
        .collect();
    for (item, _) in &boxes {
        set_symbol(item, None);
    }
    before.push(list);
    let body = ctx.markdown(&before);
    for (item, tick) in &boxes {
        set_symbol(item, *tick);
    }
    for (item, ticked) in items.iter().zip(ticked) {
        if !ticked {
            item.detach();
        }
    }
    let mut answer = vec![list];
    answer.extend(after);
    (body, ctx.markdown(&answer))
}

fn symbol(item: Node<'_>) -> Option<char> {
    match &item.data().value {
        NodeValue::TaskItem(task) => task.symbol,
        _ => None,
    }
}

fn set_symbol(item: Node<'_>, symbol: Option<char>) {
    if let NodeValue::TaskItem(task) = &mut item.data_mut().value {
        task.symbol = symbol;
    }
}
