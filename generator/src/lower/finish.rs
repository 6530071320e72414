//! Decisions that need the whole set of types: which enums must tolerate
//! unknown values, which fields need a `Box`, which types validate.

use std::collections::{BTreeSet, HashMap};

use crate::ir::{Operation, TypeDef, TypeKind, TypeRef};

pub(super) fn finish(types: &mut [TypeDef], operations: &[Operation]) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(position, def)| (def.name.clone(), position))
        .collect();
    wrap_self_containing_aliases(types, &index);
    open_response_enums(types, &index, operations);
    box_cycles(types, &index);
    mark_validating(types, &index);
}

/// The named types a type refers to, through any containers.
fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => out.push(name.clone()),
        TypeRef::Vec(inner) | TypeRef::Map(inner) => named_in(inner, out),
        _ => {}
    }
}

fn references(def: &TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .for_each(|field| named_in(&field.ty, &mut out)),
        TypeKind::Union(u) => u
            .variants
            .iter()
            .for_each(|variant| named_in(&variant.ty, &mut out)),
        TypeKind::Alias(alias) | TypeKind::Newtype(alias) => named_in(&alias.target, &mut out),
        TypeKind::Enum(_) => {}
    }
    out
}

/// `A: {type: array, items: {$ref: A}}` would be `pub type A = Vec<A>`,
/// which Rust refuses; an alias that reaches itself through aliases becomes
/// a newtype.
fn wrap_self_containing_aliases(types: &mut [TypeDef], index: &HashMap<String, usize>) {
    let aliases_reached = |start: usize| {
        let mut pending = Vec::new();
        if let TypeKind::Alias(alias) = &types[start].kind {
            named_in(&alias.target, &mut pending);
        }
        let mut seen = BTreeSet::new();
        while let Some(name) = pending.pop() {
            let Some(&position) = index.get(&name) else {
                continue;
            };
            if position == start {
                return true;
            }
            if let TypeKind::Alias(alias) = &types[position].kind
                && seen.insert(position)
            {
                named_in(&alias.target, &mut pending);
            }
        }
        false
    };
    let wrapped: Vec<usize> = (0..types.len())
        .filter(|&position| aliases_reached(position))
        .collect();
    for position in wrapped {
        if let TypeKind::Alias(alias) = &types[position].kind {
            types[position].kind = TypeKind::Newtype(alias.clone());
        }
    }
}

/// Responses are read tolerantly: an enum reachable from any response body
/// keeps values the spec does not list instead of failing the whole call.
fn open_response_enums(
    types: &mut [TypeDef],
    index: &HashMap<String, usize>,
    operations: &[Operation],
) {
    let mut pending = Vec::new();
    for operation in operations {
        for response in &operation.responses {
            if let Some(body) = &response.body {
                named_in(&body.ty, &mut pending);
            }
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = pending.pop() {
        let Some(&position) = index.get(&name) else {
            continue;
        };
        if !seen.insert(position) {
            continue;
        }
        let def = &mut types[position];
        pending.extend(references(def));
        if let TypeKind::Enum(e) = &mut def.kind {
            let taken: BTreeSet<&str> = e.variants.iter().map(|v| v.rust_name.as_str()).collect();
            let unknown = std::iter::once("Unknown".to_owned())
                .chain((2..).map(|n| format!("Unknown{n}")))
                .find(|name| !taken.contains(name.as_str()));
            e.unknown = unknown;
        }
    }
}

/// A field (or union variant) that refers, without a `Vec` or map in
/// between, to a type in its own cycle is boxed; nothing else is.
fn box_cycles(types: &mut [TypeDef], index: &HashMap<String, usize>) {
    let direct: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            direct_edges(def)
                .iter()
                .filter_map(|name| index.get(name).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected(&direct);
    let in_cycle = |from: usize, to: &str| {
        index.get(to).is_some_and(|&to| {
            component[to] == component[from] && (to != from || direct[from].contains(&to))
        })
    };
    for (position, def) in types.iter_mut().enumerate() {
        let needs_box =
            |ty: &TypeRef| matches!(ty, TypeRef::Named(name) if in_cycle(position, name));
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    field.boxed = needs_box(&field.ty);
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    variant.boxed = needs_box(&variant.ty);
                }
            }
            TypeKind::Alias(_) | TypeKind::Newtype(_) | TypeKind::Enum(_) => {}
        }
    }
}

/// Types a type contains by value (not through a `Vec` or map).
fn direct_edges(def: &TypeDef) -> Vec<String> {
    let direct = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => Some(name.clone()),
        _ => None,
    };
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter_map(|field| direct(&field.ty))
            .collect(),
        TypeKind::Union(u) => u
            .variants
            .iter()
            .filter_map(|variant| direct(&variant.ty))
            .collect(),
        TypeKind::Alias(alias) | TypeKind::Newtype(alias) => {
            direct(&alias.target).into_iter().collect()
        }
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Kosaraju's algorithm, iterative so that a long chain of types cannot
/// overflow the stack. Returns each node's component number.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let count = edges.len();
    let mut order = Vec::with_capacity(count);
    let mut visited = vec![false; count];
    for start in 0..count {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !visited[to] {
                    visited[to] = true;
                    stack.push((to, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse = vec![Vec::new(); count];
    for (from, targets) in edges.iter().enumerate() {
        for &to in targets {
            reverse[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; count];
    let mut current = 0;
    for &start in order.iter().rev() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = current;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &from in &reverse[node] {
                if component[from] == usize::MAX {
                    component[from] = current;
                    stack.push(from);
                }
            }
        }
        current += 1;
    }
    component
}

/// A type validates when one of its fields has constraints or holds a type
/// that validates. Iterated to a fixed point, as types may refer to each other.
fn mark_validating(types: &mut [TypeDef], index: &HashMap<String, usize>) {
    loop {
        let mut changed = false;
        for position in 0..types.len() {
            if types[position].validates {
                continue;
            }
            let validates_named = |ty: &TypeRef| {
                let mut names = Vec::new();
                named_in(ty, &mut names);
                names
                    .iter()
                    .any(|name| index.get(name).is_some_and(|&at| types[at].validates))
            };
            let validates = match &types[position].kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .any(|field| !field.constraints.is_empty() || validates_named(&field.ty)),
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .any(|variant| validates_named(&variant.ty)),
                TypeKind::Alias(alias) | TypeKind::Newtype(alias) => validates_named(&alias.target),
                TypeKind::Enum(_) => false,
            };
            if validates {
                types[position].validates = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components_of_a_small_graph() {
        // 0 → 1 → 2 → 0, 2 → 3, 3 → 3
        let edges = vec![vec![1], vec![2], vec![0, 3], vec![3]];
        let component = strongly_connected(&edges);
        assert_eq!(component[0], component[1]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[2], component[3]);
    }
}
