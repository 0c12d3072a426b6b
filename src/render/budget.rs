//! Bounds on what a template may make the renderer do. A shared pack
//! carries templates, so a template is untrusted input: it must not recurse
//! without end, loop without end, or write without end.
//!
//! Recursion and nesting are rejected before anything renders, from the
//! templates' syntax trees. Loops and output are counted while rendering,
//! per output (each output renders on one thread), and stop the render the
//! moment they pass their limit.

use handlebars::template::{
    DecoratorTemplate, HelperTemplate, Parameter, Template, TemplateElement,
};
use handlebars::{
    BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult, Output,
    RenderContext, RenderError, RenderErrorReason, Renderable,
};
use serde_json::Value as Json;
use std::cell::Cell;
use std::collections::HashMap;

/// Most Markdown one output may render.
pub const MAX_MARKDOWN_BYTES: usize = 16 << 20;
/// Most loop steps one output may run: every `{{#each}}` item, and every
/// partial inclusion a pass through a loop's body makes.
pub const MAX_ITERATIONS: u64 = 1_000_000;
/// Deepest nesting of blocks, counted through partials.
pub const MAX_NESTING: usize = 24;
/// Deepest nesting of `{{#each}}` loops, counted through partials. The
/// built-in templates need three (sections, questions, listen-for items).
pub const MAX_LOOP_NESTING: usize = 5;
/// Most partial inclusions one render of a template (or one pass through
/// a loop's body) may make, counted through partials. Partials that each
/// include the next one several times multiply: ten inline partials of ten
/// calls each make ten billion inclusions without a loop or a byte of
/// output, and every inclusion copies its context. The built-in templates
/// need one.
pub const MAX_INCLUSIONS: u64 = 1_000;

/// Which limit a render passed, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// [`MAX_MARKDOWN_BYTES`].
    Output,
    /// [`MAX_ITERATIONS`].
    Iterations,
}

thread_local! {
    static WRITTEN: Cell<usize> = const { Cell::new(0) };
    static ITERATIONS: Cell<u64> = const { Cell::new(0) };
    static EXCEEDED: Cell<Option<Exceeded>> = const { Cell::new(None) };
}

/// Starts counting for one render on this thread.
pub fn start() {
    WRITTEN.set(0);
    ITERATIONS.set(0);
    EXCEEDED.set(None);
}

/// The limit the last render on this thread passed, if any.
pub fn exceeded() -> Option<Exceeded> {
    EXCEEDED.get()
}

/// Collects rendered Markdown up to [`MAX_MARKDOWN_BYTES`]; one byte more
/// fails the write, which ends the render.
#[derive(Default)]
pub struct Capped(pub Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let total = WRITTEN.get() + buf.len();
        if total > MAX_MARKDOWN_BYTES {
            EXCEEDED.set(Some(Exceeded::Output));
            return Err(std::io::Error::other("output budget exceeded"));
        }
        WRITTEN.set(total);
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `{{#each}}`, counting the items it loops over against
/// [`MAX_ITERATIONS`]. It loops as Handlebars' own `each` does: `this`,
/// `@index`, `@first`, `@last`, `@key`, `../` and block parameters, and the
/// `{{else}}` branch for an empty or missing collection.
pub struct CountedEach;

impl HelperDef for CountedEach {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let param = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        let Some(body) = h.template() else {
            return Ok(());
        };
        let items: Vec<(Json, &Json)> = match param.value() {
            Json::Array(list) => list
                .iter()
                .enumerate()
                .map(|(i, v)| (Json::from(i), v))
                .collect(),
            Json::Object(map) => map
                .iter()
                .map(|(k, v)| (Json::from(k.as_str()), v))
                .collect(),
            _ => Vec::new(),
        };
        let collection = matches!(param.value(), Json::Array(_) | Json::Object(_));
        if items.is_empty() {
            return match h.inverse() {
                Some(inverse) => inverse.render(r, ctx, rc, out),
                None if !collection && r.strict_mode() => {
                    Err(RenderError::strict_error(param.relative_path()))
                }
                None => Ok(()),
            };
        }
        // Each item costs a step even when the body prints nothing, plus
        // the partial inclusions one pass through the body makes: each is
        // a render of its own that copies its context, and a body of a
        // thousand of them would multiply the steps a thousandfold.
        let per_item = 1 + inclusions(body, r, rc, &local_partials(body), 0);
        let total = ITERATIONS
            .get()
            .saturating_add((items.len() as u64).saturating_mul(per_item) + 1);
        ITERATIONS.set(total);
        if total > MAX_ITERATIONS {
            EXCEEDED.set(Some(Exceeded::Iterations));
            return Err(RenderErrorReason::Other("loop budget exceeded".into()).into());
        }
        rc.push_block(BlockContext::new());
        let last = items.len() - 1;
        for (i, (key, value)) in items.into_iter().enumerate() {
            if let Some(block) = rc.block_mut() {
                enter_item(block, h, param.context_path(), i, last, key, value)?;
            }
            body.render(r, ctx, rc, out)?;
        }
        rc.pop_block();
        Ok(())
    }
}

/// The partial inclusions one pass through `t` makes, counted through the
/// partials it includes: those defined inline in `local` or earlier in the
/// render, else registered templates. Capped at one past
/// [`MAX_INCLUSIONS`], which is also the most any template passes the
/// check before rendering with.
fn inclusions(
    t: &Template,
    r: &Handlebars,
    rc: &RenderContext,
    local: &HashMap<&str, &Template>,
    depth: usize,
) -> u64 {
    // Recursion is refused before rendering; the depth bound only keeps
    // this walk finite should a name resolve differently at render time.
    if depth > MAX_NESTING {
        return MAX_INCLUSIONS + 1;
    }
    let mut count = 0u64;
    for element in &t.elements {
        let (callee, inner) = match element {
            TemplateElement::HelperBlock(h) => {
                for body in [&h.template, &h.inverse].into_iter().flatten() {
                    count += inclusions(body, r, rc, local, depth + 1);
                }
                (None, None)
            }
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                let name = match &d.name {
                    Parameter::Name(n) | Parameter::Path(handlebars::Path::Relative((_, n))) => {
                        Some(n.as_str())
                    }
                    _ => None,
                };
                (name, d.template.as_ref())
            }
            _ => (None, None),
        };
        if let Some(name) = callee {
            count += 1;
            let found = local
                .get(name)
                .copied()
                .or_else(|| rc.get_partial(name))
                .or_else(|| r.get_template(name));
            if let Some(partial) = found {
                count += inclusions(partial, r, rc, local, depth + 1);
            }
        }
        if let Some(block) = inner {
            count += inclusions(block, r, rc, local, depth + 1);
        }
        if count > MAX_INCLUSIONS {
            return MAX_INCLUSIONS + 1;
        }
    }
    count
}

/// Inline partials defined anywhere in `t`, which a loop's body may
/// define and include in the same pass.
fn local_partials(t: &Template) -> HashMap<&str, &Template> {
    let mut found = HashMap::new();
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        for element in &t.elements {
            match element {
                TemplateElement::HelperBlock(h) => {
                    stack.extend([&h.template, &h.inverse].into_iter().flatten());
                }
                TemplateElement::DecoratorBlock(d) => {
                    if let (Some(Parameter::Literal(Json::String(name))), Some(body)) =
                        (d.params.first(), &d.template)
                    {
                        found.insert(name.as_str(), body);
                    }
                    stack.extend(&d.template);
                }
                TemplateElement::PartialBlock(d) => stack.extend(&d.template),
                _ => {}
            }
        }
    }
    found
}

/// Points the loop's block at item `i`: by path where the collection has
/// one (so `../` and `@root` resolve as usual), else by value.
fn enter_item<'rc>(
    block: &mut BlockContext<'rc>,
    h: &Helper<'rc>,
    path: Option<&Vec<String>>,
    i: usize,
    last: usize,
    key: Json,
    value: &Json,
) -> Result<(), RenderError> {
    block.set_local_var("first", Json::from(i == 0));
    block.set_local_var("last", Json::from(i == last));
    block.set_local_var("index", Json::from(i));
    if key.is_string() {
        block.set_local_var("key", key.clone());
    }
    let item_path = path.map(|p| {
        let mut p = p.clone();
        p.push(key.as_str().map_or_else(|| i.to_string(), str::to_string));
        p
    });
    match &item_path {
        Some(p) => *block.base_path_mut() = p.clone(),
        None => block.set_base_value(value.clone()),
    }
    let mut params = BlockParams::new();
    // A parameter names the item itself: the block's own path, or its value.
    let mut bind = |name: &'rc str| match &item_path {
        Some(_) => params.add_path(name, Vec::new()),
        None => params.add_value(name, value.clone()),
    };
    if let Some(name) = h.block_param() {
        bind(name)?;
    } else if let Some((name, index)) = h.block_param_pair() {
        bind(name)?;
        params.add_value(index, key)?;
    } else {
        return Ok(());
    }
    block.set_block_params(params);
    Ok(())
}

/// Something about a template's structure that cannot be rendered safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// Partials that include each other: the chain of names, back to the
    /// first.
    Recursion(Vec<String>),
    /// A partial named by an expression, which cannot be checked.
    DynamicPartial(String),
    /// A partial block (`{{#> name}}…{{/name}}`): Handlebars renders its
    /// body into a string of its own first, which the output limit never
    /// sees.
    PartialBlock(String),
    /// Blocks nested deeper than [`MAX_NESTING`].
    TooDeep(String, usize),
    /// Loops nested deeper than [`MAX_LOOP_NESTING`].
    TooManyLoops(String, usize),
    /// More partial inclusions than [`MAX_INCLUSIONS`] (the count, capped
    /// just past the limit).
    TooManyInclusions(String, u64),
}

/// The names of the partials `template` includes by name.
pub fn partials(template: &Template) -> Vec<String> {
    let (mut nodes, mut problems) = (HashMap::new(), Vec::new());
    let mut walk = Walk {
        nodes: &mut nodes,
        problems: &mut problems,
        owner: String::new(),
    };
    let node = walk.template(template, 0, 0);
    node.calls
        .into_iter()
        .chain(nodes.into_values().flat_map(|n| n.calls))
        .map(|(name, _, _)| name)
        .collect()
}

/// What one template (or inline partial) does: the partials it includes,
/// each with the block and loop depth at which it does, and its own
/// deepest nesting.
#[derive(Default)]
struct Node {
    calls: Vec<(String, usize, usize)>,
    depth: usize,
    loops: usize,
}

/// [`check`] of sources `(name, text)`, compiled here; those that do not
/// compile are skipped.
#[cfg(test)]
pub fn check_sources(sources: &[(String, String)]) -> Vec<Unsafe> {
    let compiled: Vec<(&str, Template)> = sources
        .iter()
        .filter_map(|(name, text)| Some((name.as_str(), Template::compile(text).ok()?)))
        .collect();
    let templates: Vec<(&str, &Template)> = compiled.iter().map(|(n, t)| (*n, t)).collect();
    check(&templates)
}

/// Checks the templates `(name, compiled)` together: partial recursion
/// (direct, mutual or through inline partials), dynamic partials, and
/// nesting through partials. They come compiled from the registry, which
/// compiles each one once; a template that does not compile is reported
/// there.
pub fn check(templates: &[(&str, &Template)]) -> Vec<Unsafe> {
    let mut nodes: HashMap<String, Node> = HashMap::new();
    let mut problems = Vec::new();
    for &(name, template) in templates {
        let name = &name.to_string();
        let mut walk = Walk {
            nodes: &mut nodes,
            problems: &mut problems,
            owner: name.clone(),
        };
        let node = walk.template(template, 0, 0);
        nodes.entry(name.clone()).or_default().absorb(node);
    }
    let mut names: Vec<&String> = nodes.keys().collect();
    names.sort();
    let mut memo: HashMap<String, Reach> = HashMap::new();
    for name in names {
        let mut path = Vec::new();
        if let Err(p) = reach(name, &nodes, &mut path, &mut memo) {
            if !problems.contains(&p) {
                problems.push(p);
            }
            break;
        }
        let Reach {
            depth,
            loops,
            inclusions,
        } = memo[name.as_str()];
        if depth > MAX_NESTING {
            problems.push(Unsafe::TooDeep(name.clone(), depth));
        } else if loops > MAX_LOOP_NESTING {
            problems.push(Unsafe::TooManyLoops(name.clone(), loops));
        } else if inclusions > MAX_INCLUSIONS {
            problems.push(Unsafe::TooManyInclusions(name.clone(), inclusions));
        }
    }
    problems
}

/// What rendering a template reaches through its partials.
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    /// Deepest block nesting.
    depth: usize,
    /// Deepest loop nesting.
    loops: usize,
    /// Partial inclusions one render makes, loops taken once; capped at
    /// one past [`MAX_INCLUSIONS`] so the count cannot overflow.
    inclusions: u64,
}

/// The deepest (block, loop) nesting and the inclusions reached from
/// `name` through its partials, or the recursion it takes part in.
fn reach(
    name: &str,
    nodes: &HashMap<String, Node>,
    path: &mut Vec<String>,
    memo: &mut HashMap<String, Reach>,
) -> Result<Reach, Unsafe> {
    if let Some(&found) = memo.get(name) {
        return Ok(found);
    }
    if let Some(at) = path.iter().position(|p| p == name) {
        let mut cycle = path[at..].to_vec();
        cycle.push(name.to_string());
        return Err(Unsafe::Recursion(cycle));
    }
    // Unknown names are built-in helpers' business or fail at render time.
    let Some(node) = nodes.get(name) else {
        return Ok(Reach::default());
    };
    path.push(name.to_string());
    let mut found = Reach {
        depth: node.depth,
        loops: node.loops,
        inclusions: 0,
    };
    for (callee, at_depth, at_loops) in &node.calls {
        let inner = reach(callee, nodes, path, memo)?;
        found.depth = found.depth.max(at_depth + inner.depth);
        found.loops = found.loops.max(at_loops + inner.loops);
        found.inclusions = (found.inclusions + 1 + inner.inclusions).min(MAX_INCLUSIONS + 1);
    }
    path.pop();
    memo.insert(name.to_string(), found);
    Ok(found)
}

/// A walk over one template's syntax tree.
struct Walk<'a> {
    nodes: &'a mut HashMap<String, Node>,
    problems: &'a mut Vec<Unsafe>,
    owner: String,
}

impl Walk<'_> {
    fn template(&mut self, t: &Template, depth: usize, loops: usize) -> Node {
        let mut node = Node {
            depth,
            loops,
            ..Node::default()
        };
        self.elements(t, depth, loops, &mut node);
        node
    }

    fn elements(&mut self, t: &Template, depth: usize, loops: usize, node: &mut Node) {
        node.depth = node.depth.max(depth);
        node.loops = node.loops.max(loops);
        // The syntax tree is only as deep as the template is nested; past the
        // limit there is nothing more to learn, and the stack stays bounded.
        if depth > MAX_NESTING {
            return;
        }
        for element in &t.elements {
            match element {
                TemplateElement::HelperBlock(h) => self.block(h, depth, loops, node),
                TemplateElement::PartialExpression(d) => self.partial(d, depth, loops, node),
                TemplateElement::PartialBlock(d) => {
                    let problem = Unsafe::PartialBlock(self.owner.clone());
                    if !self.problems.contains(&problem) {
                        self.problems.push(problem);
                    }
                    self.partial(d, depth, loops, node)
                }
                TemplateElement::DecoratorBlock(d) => self.inline(d),
                _ => {}
            }
        }
    }

    fn block(&mut self, h: &HelperTemplate, depth: usize, loops: usize, node: &mut Node) {
        let is_loop = matches!(&h.name, Parameter::Name(n) if n == "each");
        let loops = loops + usize::from(is_loop);
        for inner in [&h.template, &h.inverse].into_iter().flatten() {
            self.elements(inner, depth + 1, loops, node);
        }
    }

    fn partial(&mut self, d: &DecoratorTemplate, depth: usize, loops: usize, node: &mut Node) {
        match &d.name {
            Parameter::Name(n) | Parameter::Path(handlebars::Path::Relative((_, n)))
                if !n.starts_with('@') =>
            {
                node.calls.push((n.clone(), depth, loops));
            }
            Parameter::Name(_) | Parameter::Path(_) => {}
            _ => self
                .problems
                .push(Unsafe::DynamicPartial(self.owner.clone())),
        }
        if let Some(inner) = &d.template {
            self.elements(inner, depth + 1, loops, node);
        }
    }

    /// `{{#*inline "name"}}…{{/inline}}` defines a partial of its own.
    fn inline(&mut self, d: &DecoratorTemplate) {
        let name = match d.params.first() {
            Some(Parameter::Literal(serde_json::Value::String(s))) => s.clone(),
            _ => return,
        };
        if let Some(body) = &d.template {
            let node = self.template(body, 0, 0);
            self.nodes.entry(name).or_default().absorb(node);
        }
    }
}

impl Node {
    /// Merges another definition under the same name: either may be used.
    fn absorb(&mut self, other: Node) {
        self.calls.extend(other.calls);
        self.depth = self.depth.max(other.depth);
        self.loops = self.loops.max(other.loops);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(template: &str, data: &Json) -> Result<String, RenderError> {
        let mut r = Handlebars::new();
        r.set_strict_mode(true);
        r.register_helper("each", Box::new(CountedEach));
        r.register_template_string("t", template).unwrap();
        start();
        r.render("t", data)
    }

    #[test]
    fn loops_as_handlebars_does() {
        let data = json!({"xs": ["a", "b", "c"], "m": {"k": 1, "j": 2}, "top": "T", "none": []});
        let out = render(
            "{{#each xs}}{{@index}}{{this}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}{{../top}},{{/each}}",
            &data,
        )
        .unwrap();
        assert_eq!(out, "0aFT,1bT,2cLT,");
        let out = render("{{#each m}}{{@key}}={{this}};{{/each}}", &data).unwrap();
        assert_eq!(out, "j=2;k=1;", "in the order of the map");
        let out = render("{{#each xs as |x i|}}{{i}}:{{x}} {{/each}}", &data).unwrap();
        assert_eq!(out, "0:a 1:b 2:c ");
        let out = render("{{#each none}}x{{else}}empty{{/each}}", &data).unwrap();
        assert_eq!(out, "empty");
        assert!(render("{{#each missing}}x{{/each}}", &data).is_err());
        let out = render("{{#each xs}}{{@root.top}}{{/each}}", &data).unwrap();
        assert_eq!(out, "TTT");
    }

    #[test]
    fn nested_loops_stop_at_the_iteration_budget() {
        let data = json!({"xs": (0..200).collect::<Vec<_>>()});
        let nested = "{{#each xs}}{{#each @root.xs}}{{#each @root.xs}}{{/each}}{{/each}}{{/each}}";
        let t = std::time::Instant::now();
        assert!(render(nested, &data).is_err());
        assert_eq!(exceeded(), Some(Exceeded::Iterations));
        assert!(t.elapsed().as_secs() < 10);
    }

    fn sources(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn partial_blocks_are_refused() {
        let found = check_sources(&sources(&[
            ("a", "{{#> b}}{{#each x}}big{{/each}}{{/b}}"),
            ("b", "{{> @partial-block}}"),
        ]));
        assert_eq!(found, vec![Unsafe::PartialBlock("a".into())]);
    }

    #[test]
    fn recursion_of_every_kind_is_found() {
        let direct = check_sources(&sources(&[("a", "x {{> a}}")]));
        assert_eq!(
            direct,
            vec![Unsafe::Recursion(vec!["a".into(), "a".into()])]
        );
        let mutual = check_sources(&sources(&[
            ("a", "{{> b}}"),
            ("b", "{{#if x}}{{> a}}{{/if}}"),
        ]));
        assert_eq!(
            mutual,
            vec![Unsafe::Recursion(vec!["a".into(), "b".into(), "a".into()])]
        );
        let inline = check_sources(&sources(&[(
            "a",
            "{{#*inline \"loop\"}}{{> loop}}{{/inline}}{{> loop}}",
        )]));
        assert_eq!(
            inline,
            vec![Unsafe::Recursion(vec!["loop".into(), "loop".into()])]
        );
        let dynamic = check_sources(&sources(&[("a", "{{> (lookup this \"name\")}}")]));
        assert_eq!(dynamic, vec![Unsafe::DynamicPartial("a".into())]);
    }

    #[test]
    fn nesting_counts_through_partials() {
        let deep = "{{#each a}}".repeat(3) + "{{> inner}}" + &"{{/each}}".repeat(3);
        let inner = "{{#each b}}{{#each c}}{{#each d}}x{{/each}}{{/each}}{{/each}}";
        let found = check_sources(&sources(&[("outer", &deep), ("inner", inner)]));
        assert_eq!(found, vec![Unsafe::TooManyLoops("outer".into(), 6)]);
        let ifs = "{{#if a}}".repeat(40) + &"{{/if}}".repeat(40);
        assert!(matches!(
            check_sources(&sources(&[("t", &ifs)]))[..],
            [Unsafe::TooDeep(_, _)]
        ));
        let fine = check_sources(&sources(&[
            (
                "handout",
                "{{#each s}}{{#each q}}{{> question}}{{/each}}{{/each}}",
            ),
            ("question", "{{#each l}}x{{/each}}"),
        ]));
        assert_eq!(fine, vec![]);
    }

    #[test]
    fn inclusions_in_a_loop_cost_loop_steps() {
        let mut r = Handlebars::new();
        r.set_strict_mode(true);
        r.register_helper("each", Box::new(CountedEach));
        let data = json!({"xs": (0..2000).collect::<Vec<_>>()});
        // Each item includes `p` 500 times: a million inclusions in all.
        r.register_template_string("p", "").unwrap();
        let busy = format!("{{{{#each xs}}}}{}{{{{/each}}}}", "{{> p}}".repeat(500));
        r.register_template_string("busy", busy).unwrap();
        start();
        assert!(r.render("busy", &data).is_err());
        assert_eq!(exceeded(), Some(Exceeded::Iterations));
        // Inline partials defined in the body count too.
        let inline = format!(
            "{{{{#each xs}}}}{{{{#*inline \"q\"}}}}{}{{{{/inline}}}}{{{{> q}}}}{{{{/each}}}}",
            "{{> p}}".repeat(500)
        );
        r.register_template_string("inline", inline).unwrap();
        start();
        assert!(r.render("inline", &data).is_err());
        assert_eq!(exceeded(), Some(Exceeded::Iterations));
        // One inclusion per item, as the built-in handout makes, is cheap.
        r.register_template_string("fine", "{{#each xs}}{{> p}}{{/each}}")
            .unwrap();
        start();
        assert_eq!(r.render("fine", &data).unwrap(), "");
    }

    #[test]
    fn inclusions_that_multiply_are_refused() {
        // p0 is empty; each next partial includes the one before ten times.
        let mut t = String::from("{{#*inline \"p0\"}}{{/inline}}");
        for k in 1..=9 {
            let calls = format!("{{{{> p{}}}}}", k - 1).repeat(10);
            t += &format!("{{{{#*inline \"p{k}\"}}}}{calls}{{{{/inline}}}}");
        }
        t += "{{> p9}}";
        let found = check_sources(&sources(&[("t", &t)]));
        assert!(found.contains(&Unsafe::TooManyInclusions("t".into(), MAX_INCLUSIONS + 1)));
        // A thousand inclusions in all is still fine.
        let flat = check_sources(&sources(&[
            ("t", &"{{> q}}".repeat(10)),
            ("q", &"{{> r}}".repeat(99)),
        ]));
        assert_eq!(flat, vec![]);
    }

    #[test]
    fn output_stops_at_its_budget() {
        use std::io::Write;
        start();
        let mut out = Capped::default();
        let chunk = vec![b'x'; 1 << 20];
        let mut failed = false;
        for _ in 0..20 {
            if out.write_all(&chunk).is_err() {
                failed = true;
                break;
            }
        }
        assert!(failed);
        assert_eq!(exceeded(), Some(Exceeded::Output));
        assert!(out.0.len() <= MAX_MARKDOWN_BYTES);
    }
}
