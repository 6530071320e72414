//! Schemas → types.
//!
//! A schema used in one place lowers to a `TypeRef` there; objects, string
//! enums and unions also become named `TypeDef`s. Inline types are named from
//! their place: the root (an operation or a component) followed by the
//! property (`InteractWithSession` + `budget` is `InteractWithSessionBudget`),
//! so a name depends only on where its schema is, never on what else the spec
//! holds.

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    Type, VariantOrUnknownOrEmpty,
};

use super::{Lowerer, SchemaRef, schema_docs};
use crate::diagnostics::{Diagnostic, Pointer};
use crate::ir::{
    Alias, Bound, Constraints, Enum, Field, Number, Struct, TypeDef, TypeKind, TypeRef, Union,
    UnionVariant, Variant,
};
use crate::naming::{self, Scope};

/// What a schema lowers to where it is used.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Lowered {
    pub ty: TypeRef,
    pub constraints: Constraints,
    pub nullable: bool,
}

/// The name a schema's type gets if it needs one.
#[derive(Debug, Clone)]
pub(super) struct Hint {
    /// The operation or component the schema belongs to (`InteractWithSession`).
    root: String,
    /// The name to claim (`InteractWithSessionBudget`).
    base: String,
    /// `base` is a component's name, already claimed.
    exact: bool,
}

impl Hint {
    /// A name already reserved for a component schema.
    pub fn component(name: &str) -> Self {
        Hint {
            root: name.to_owned(),
            base: name.to_owned(),
            exact: true,
        }
    }

    /// A name to claim for a schema of an operation (`root` + `suffix`).
    pub fn operation(root: &str, suffix: &str) -> Self {
        Hint {
            root: root.to_owned(),
            base: format!("{root}{suffix}"),
            exact: false,
        }
    }

    /// The name for the schema of property `name`, at any depth under the root.
    fn property(&self, name: &str) -> Self {
        Hint {
            root: self.root.clone(),
            base: format!("{}{}", self.root, naming::pascal_case(name, "Field")),
            exact: false,
        }
    }

    fn suffixed(&self, suffix: &str) -> Self {
        Hint {
            root: self.root.clone(),
            base: format!("{}{suffix}", self.base),
            exact: false,
        }
    }
}

/// A property found while building a struct, with the place it was defined.
struct Property<'a> {
    wire_name: &'a str,
    schema: SchemaRef<'a>,
    at: Pointer,
}

/// How deep constraints of nested arrays are kept.
const MAX_ITEM_DEPTH: usize = 8;

/// How many `$ref`s in a row are followed before giving up (a chain of
/// aliases that long is a cycle the component check did not see).
const MAX_REF_HOPS: usize = 64;

impl<'a> Lowerer<'a> {
    pub(super) fn lower_components(&mut self) -> Result<(), Diagnostic> {
        let Some(components) = &self.spec.components else {
            return Ok(());
        };
        for (key, schema) in &components.schemas {
            let at = Pointer::root().push("components").push("schemas").push(key);
            let name = self.components[key.as_str()].clone();
            let index = self.types.len();
            let (lowered, docs) = match schema {
                ReferenceOr::Reference { reference } => {
                    self.check_alias_cycle(key, &at)?;
                    (self.lower_ref(reference, &at)?, None)
                }
                ReferenceOr::Item(item) => (
                    self.lower_schema(SchemaRef::Item(item), &at, &Hint::component(&name))?,
                    schema_docs(item),
                ),
            };
            if lowered.ty != TypeRef::Named(name.clone()) {
                let alias = TypeDef {
                    name,
                    origin: at.to_string(),
                    docs,
                    kind: TypeKind::Alias(Alias { target: lowered.ty }),
                    validates: false,
                };
                self.types.insert(index, alias);
            }
        }
        Ok(())
    }

    /// `A: {$ref: B}`, `B: {$ref: A}` defines no type at all.
    fn check_alias_cycle(&self, start: &str, at: &Pointer) -> Result<(), Diagnostic> {
        let schemas = self.component_schemas();
        let mut chain = vec![start.to_owned()];
        let mut current = start.to_owned();
        while let Some(ReferenceOr::Reference { reference }) = schemas.get(current.as_str()) {
            let Some(next) = component_key(reference) else {
                return Ok(());
            };
            chain.push(next.clone());
            if next == start {
                return Err(self
                    .error(
                        at,
                        format!(
                            "`$ref` cycle with no schema in between: {}",
                            chain.join(" → ")
                        ),
                    )
                    .help(
                        "make one of these schemas define a type instead of being only a `$ref`",
                    ));
            }
            if chain.len() > MAX_REF_HOPS || chain[..chain.len() - 1].contains(&next) {
                return Ok(());
            }
            current = next;
        }
        Ok(())
    }

    fn component_schemas(&self) -> &'a indexmap::IndexMap<String, ReferenceOr<Schema>> {
        static EMPTY: std::sync::OnceLock<indexmap::IndexMap<String, ReferenceOr<Schema>>> =
            std::sync::OnceLock::new();
        match &self.spec.components {
            Some(components) => &components.schemas,
            None => EMPTY.get_or_init(Default::default),
        }
    }

    /// Lowers the schema found at `at`.
    pub(super) fn lower_schema(
        &mut self,
        schema: SchemaRef<'a>,
        at: &Pointer,
        hint: &Hint,
    ) -> Result<Lowered, Diagnostic> {
        match schema {
            SchemaRef::Ref(reference) => self.lower_ref(reference, at),
            SchemaRef::Item(schema) => self.lower_item(schema, at, hint),
        }
    }

    /// A reference is the component's named type. A component that is only a
    /// constrained primitive is a type alias, so its bounds travel with each
    /// use instead.
    pub(super) fn lower_ref(
        &mut self,
        reference: &str,
        at: &Pointer,
    ) -> Result<Lowered, Diagnostic> {
        let key = self.schema_key(reference, at)?;
        let name = self.components[key.as_str()].clone();
        let target = self.resolve(SchemaRef::Ref(reference));
        let constraints = target
            .filter(|schema| is_primitive(schema))
            .map(|schema| self.constraints_of(schema))
            .unwrap_or_default();
        Ok(Lowered {
            ty: TypeRef::Named(name),
            constraints: self.enforceable(constraints, at),
            nullable: target.is_some_and(|schema| schema.schema_data.nullable),
        })
    }

    /// The component key a schema `$ref` names, or a located error.
    pub(super) fn schema_key(&self, reference: &str, at: &Pointer) -> Result<String, Diagnostic> {
        if !reference.starts_with('#') {
            return Err(self
                .error(
                    at,
                    format!("`$ref` to another document ({reference:?}) is not supported"),
                )
                .help("bundle the spec into one file first"));
        }
        let Some(key) = component_key(reference) else {
            return Err(self.error(
                at,
                format!(
                    "`$ref` {reference:?} does not point at #/components/schemas/…, the only place schemas are read from"
                ),
            ));
        };
        if !self.components.contains_key(key.as_str()) {
            return Err(self.error(
                at,
                format!("`$ref` {reference:?} names a schema that is not defined"),
            ));
        }
        Ok(key)
    }

    /// Follows references to the schema they end at, if any.
    pub(super) fn resolve(&self, schema: SchemaRef<'a>) -> Option<&'a Schema> {
        let schemas = self.component_schemas();
        let mut current = schema;
        for _ in 0..MAX_REF_HOPS {
            match current {
                SchemaRef::Item(schema) => return Some(schema),
                SchemaRef::Ref(reference) => {
                    current = schemas.get(&component_key(reference)?)?.into();
                }
            }
        }
        None
    }

    fn lower_item(
        &mut self,
        schema: &'a Schema,
        at: &Pointer,
        hint: &Hint,
    ) -> Result<Lowered, Diagnostic> {
        // Merging `allOf` copies a component's properties; one that includes
        // that same component again would be lowered forever.
        if self.lowering.iter().any(|place| place == at.as_str()) {
            self.warn(
                at,
                "this schema includes the object it is part of through `allOf`; it is typed as any JSON value",
            );
            return Ok(Lowered {
                ty: TypeRef::Json,
                constraints: Constraints::default(),
                nullable: false,
            });
        }
        self.lowering.push(at.to_string());
        let lowered = self.lower_item_kind(schema, at, hint);
        self.lowering.pop();
        lowered
    }

    fn lower_item_kind(
        &mut self,
        schema: &'a Schema,
        at: &Pointer,
        hint: &Hint,
    ) -> Result<Lowered, Diagnostic> {
        self.warn_unsupported(schema, at);
        let docs = schema_docs(schema);
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                if values.is_empty() {
                    TypeRef::String
                } else {
                    self.define_enum(values, at, hint, docs)
                }
            }
            SchemaKind::Type(Type::Number(number)) => match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Object(object)) => {
                let properties = properties(&object.properties, at);
                let additional = object.additional_properties.as_ref();
                self.lower_object(properties, &object.required, additional, at, hint, docs)?
            }
            SchemaKind::Type(Type::Array(array)) => {
                self.lower_array(array.items.as_ref(), at, hint)?
            }
            SchemaKind::AllOf { all_of } => {
                let mut lowered = self.lower_all_of(all_of, None, at, hint, docs)?;
                lowered.nullable |= schema.schema_data.nullable;
                return Ok(lowered);
            }
            SchemaKind::OneOf { one_of } => {
                self.lower_alternatives(one_of, "oneOf", at, hint, docs)?
            }
            SchemaKind::AnyOf { any_of } => {
                self.lower_alternatives(any_of, "anyOf", at, hint, docs)?
            }
            SchemaKind::Not { .. } => {
                self.warn(
                    at,
                    "`not` is not supported; the value is typed as any JSON value",
                );
                TypeRef::Json
            }
            SchemaKind::Any(any) => {
                if !any.all_of.is_empty() {
                    let mut lowered = self.lower_all_of(&any.all_of, Some(any), at, hint, docs)?;
                    lowered.nullable |= schema.schema_data.nullable;
                    return Ok(lowered);
                }
                self.lower_any(any, at, hint, docs)?
            }
        };
        let constraints = self.constraints_of(schema);
        Ok(Lowered {
            ty,
            constraints: self.enforceable(constraints, at),
            nullable: schema.schema_data.nullable,
        })
    }

    /// Drops, with a warning, what the generated code could not check
    /// faithfully: a bound that is not a finite number, or a pattern the
    /// `regex` crate does not accept (ECMA-262 look-arounds, back-references).
    fn enforceable(&mut self, mut constraints: Constraints, at: &Pointer) -> Constraints {
        for (keyword, bound) in [
            ("minimum", &mut constraints.minimum),
            ("maximum", &mut constraints.maximum),
        ] {
            if let Some(Bound {
                value: Number::Float(value),
                ..
            }) = bound
                && !value.is_finite()
            {
                *bound = None;
                self.warn(
                    &at.push(keyword),
                    format!("`{keyword}` is not a finite number; it is not checked"),
                );
            }
        }
        if let Some(pattern) = &constraints.pattern
            && let Err(error) = regex::Regex::new(pattern)
        {
            let summary = error
                .to_string()
                .lines()
                .last()
                .unwrap_or_default()
                .trim()
                .to_owned();
            self.warn(
                &at.push("pattern"),
                format!("`pattern` {pattern:?} is not supported by the regex crate ({summary}); it is not checked"),
            );
            constraints.pattern = None;
        }
        constraints
    }

    /// The catch-all shape `openapiv3` uses when keywords of several kinds mix.
    fn lower_any(
        &mut self,
        any: &'a AnySchema,
        at: &Pointer,
        hint: &Hint,
        docs: Option<String>,
    ) -> Result<TypeRef, Diagnostic> {
        if !any.one_of.is_empty() {
            return self.lower_alternatives(&any.one_of, "oneOf", at, hint, docs);
        }
        if !any.any_of.is_empty() {
            return self.lower_alternatives(&any.any_of, "anyOf", at, hint, docs);
        }
        let typ = any.typ.as_deref();
        let strings: Option<Vec<String>> = any
            .enumeration
            .iter()
            .filter(|value| !value.is_null())
            .map(|value| value.as_str().map(str::to_owned))
            .collect();
        let ty = match typ {
            Some("object") | None
                if !any.properties.is_empty() || any.additional_properties.is_some() =>
            {
                let properties = properties(&any.properties, at);
                let additional = any.additional_properties.as_ref();
                self.lower_object(properties, &any.required, additional, at, hint, docs)?
            }
            Some("array") | None if any.items.is_some() => {
                self.lower_array(any.items.as_ref(), at, hint)?
            }
            Some("string") | None if strings.as_ref().is_some_and(|values| !values.is_empty()) => {
                self.define_enum(strings.unwrap_or_default(), at, hint, docs)
            }
            Some("string") => TypeRef::String,
            Some("integer") if any.format.as_deref() == Some("int32") => TypeRef::I32,
            Some("integer") => TypeRef::I64,
            Some("number") if any.format.as_deref() == Some("float") => TypeRef::F32,
            Some("number") => TypeRef::F64,
            Some("boolean") => TypeRef::Bool,
            Some("object") => TypeRef::JsonObject,
            Some("array") => TypeRef::Vec(Box::new(TypeRef::Json)),
            None => TypeRef::Json,
            Some(other) => {
                return Err(self
                    .error(&at.push("type"), format!("unknown type {other:?}"))
                    .help(
                        "OpenAPI 3.0 types are string, number, integer, boolean, array and object",
                    ));
            }
        };
        if typ.is_some_and(|typ| typ != "string") && !any.enumeration.is_empty() {
            self.warn(
                at,
                "only string `enum`s are enforced; these values are not checked",
            );
        }
        Ok(ty)
    }

    fn lower_object(
        &mut self,
        properties: Vec<Property<'a>>,
        required: &[String],
        additional: Option<&'a AdditionalProperties>,
        at: &Pointer,
        hint: &Hint,
        docs: Option<String>,
    ) -> Result<TypeRef, Diagnostic> {
        if properties.is_empty() {
            return Ok(match additional {
                Some(AdditionalProperties::Schema(values)) => {
                    let at = at.push("additionalProperties");
                    let values =
                        self.lower_schema((&**values).into(), &at, &hint.suffixed("Value"))?;
                    TypeRef::Map(Box::new(values.ty))
                }
                _ => TypeRef::JsonObject,
            });
        }
        if let Some(AdditionalProperties::Schema(_)) = additional {
            self.warn(
                &at.push("additionalProperties"),
                "`additionalProperties` beside `properties` is not supported; extra keys are ignored",
            );
        }
        let name = self.claim(hint);
        let index = self.types.len();
        let converted: Vec<(String, &str)> = properties
            .iter()
            .map(|property| {
                (
                    naming::snake_case(property.wire_name, "field"),
                    property.wire_name,
                )
            })
            .collect();
        let rust_names = naming::distinct_names(&converted, &mut Scope::new());
        let mut fields = Vec::with_capacity(properties.len());
        for (property, rust_name) in properties.into_iter().zip(rust_names) {
            let lowered = self.lower_schema(
                property.schema,
                &property.at,
                &hint.property(property.wire_name),
            )?;
            let docs = match property.schema {
                SchemaRef::Item(schema) => schema_docs(schema),
                SchemaRef::Ref(_) => None,
            };
            fields.push(Field {
                wire_name: property.wire_name.to_owned(),
                rust_name,
                ty: lowered.ty,
                required: required.iter().any(|name| name == property.wire_name),
                nullable: lowered.nullable,
                boxed: false,
                docs,
                constraints: lowered.constraints,
                origin: property.at.to_string(),
            });
        }
        let default = fields.iter().all(|field| !field.required);
        self.types.insert(
            index,
            TypeDef {
                name: name.clone(),
                origin: at.to_string(),
                docs,
                kind: TypeKind::Struct(Struct { fields, default }),
                validates: false,
            },
        );
        Ok(TypeRef::Named(name))
    }

    fn lower_array(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        at: &Pointer,
        hint: &Hint,
    ) -> Result<TypeRef, Diagnostic> {
        let item = match items {
            Some(items) => {
                self.lower_schema(items.into(), &at.push("items"), &hint.suffixed("Item"))?
                    .ty
            }
            None => TypeRef::Json,
        };
        Ok(TypeRef::Vec(Box::new(item)))
    }

    /// `allOf`: one member is that member; several object members are merged
    /// into one struct with all their properties.
    fn lower_all_of(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        beside: Option<&'a AnySchema>,
        at: &Pointer,
        hint: &Hint,
        docs: Option<String>,
    ) -> Result<Lowered, Diagnostic> {
        let has_own_properties = beside.is_some_and(|any| !any.properties.is_empty());
        if let [only] = members
            && !has_own_properties
        {
            return self.lower_schema(only.into(), &at.push("allOf").push(0), hint);
        }
        let mut collected = Vec::new();
        let mut required = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_at = at.push("allOf").push(index);
            if !self.collect_properties(member.into(), &member_at, &mut collected, &mut required)? {
                self.warn(
                    &member_at,
                    "`allOf` member is not an object; the value is typed as any JSON value",
                );
                return Ok(Lowered {
                    ty: TypeRef::Json,
                    constraints: Constraints::default(),
                    nullable: false,
                });
            }
        }
        if let Some(any) = beside {
            add_properties(&mut collected, properties(&any.properties, at));
            required.extend(any.required.iter().cloned());
        }
        let ty = self.lower_object(collected, &required, None, at, hint, docs)?;
        Ok(Lowered {
            ty,
            constraints: Constraints::default(),
            nullable: false,
        })
    }

    /// Adds the properties of an `allOf` member (following references and
    /// nested `allOf`s); false when the member is not an object.
    fn collect_properties(
        &mut self,
        member: SchemaRef<'a>,
        at: &Pointer,
        into: &mut Vec<Property<'a>>,
        required: &mut Vec<String>,
    ) -> Result<bool, Diagnostic> {
        let schema = match member {
            SchemaRef::Ref(reference) => {
                let key = self.schema_key(reference, at)?;
                if self.merging.contains(&key) {
                    return Err(self.error(at, format!("`allOf` of {reference:?} includes itself")));
                }
                let Some(schema) = self.component_schemas().get(&key) else {
                    return Ok(false);
                };
                let component_at = Pointer::root()
                    .push("components")
                    .push("schemas")
                    .push(&key);
                self.merging.push(key);
                let found = self.collect_properties(schema.into(), &component_at, into, required);
                self.merging.pop();
                return found;
            }
            SchemaRef::Item(schema) => schema,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                add_properties(into, properties(&object.properties, at));
                required.extend(object.required.iter().cloned());
                Ok(true)
            }
            SchemaKind::AllOf { all_of } => self.collect_all(all_of, at, into, required),
            SchemaKind::Any(any) if matches!(any.typ.as_deref(), None | Some("object")) => {
                add_properties(into, properties(&any.properties, at));
                required.extend(any.required.iter().cloned());
                self.collect_all(&any.all_of, at, into, required)
            }
            _ => Ok(false),
        }
    }

    fn collect_all(
        &mut self,
        members: &'a [ReferenceOr<Schema>],
        at: &Pointer,
        into: &mut Vec<Property<'a>>,
        required: &mut Vec<String>,
    ) -> Result<bool, Diagnostic> {
        for (index, member) in members.iter().enumerate() {
            let member_at = at.push("allOf").push(index);
            if !self.collect_properties(member.into(), &member_at, into, required)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `oneOf`/`anyOf`. When every alternative is a string enum (the seed's
    /// `actor_selection_method`), the value is simply one of their strings:
    /// one Rust enum. Otherwise, an untagged union tried in order.
    fn lower_alternatives(
        &mut self,
        alternatives: &'a [ReferenceOr<Schema>],
        keyword: &str,
        at: &Pointer,
        hint: &Hint,
        docs: Option<String>,
    ) -> Result<TypeRef, Diagnostic> {
        if let Some(values) = self.all_string_values(alternatives) {
            return Ok(self.define_enum(values, at, hint, docs));
        }
        if let [only] = alternatives {
            return Ok(self
                .lower_schema(only.into(), &at.push(keyword).push(0), hint)?
                .ty);
        }
        if alternatives.is_empty() {
            return Ok(TypeRef::Json);
        }
        let name = self.claim(hint);
        let index = self.types.len();
        let mut labels = Scope::new();
        let mut variants = Vec::with_capacity(alternatives.len());
        for (position, alternative) in alternatives.iter().enumerate() {
            let variant_hint = hint.suffixed(&format!("Variant{}", position + 1));
            let variant_at = at.push(keyword).push(position);
            let ty = self
                .lower_schema(alternative.into(), &variant_at, &variant_hint)?
                .ty;
            variants.push(UnionVariant {
                rust_name: labels.claim(&variant_label(&ty)),
                ty,
                boxed: false,
            });
        }
        self.types.insert(
            index,
            TypeDef {
                name: name.clone(),
                origin: at.to_string(),
                docs,
                kind: TypeKind::Union(Union { variants }),
                validates: false,
            },
        );
        Ok(TypeRef::Named(name))
    }

    /// The values of alternatives that are all string enums, in order.
    fn all_string_values(&self, alternatives: &'a [ReferenceOr<Schema>]) -> Option<Vec<String>> {
        let mut values: Vec<String> = Vec::new();
        for alternative in alternatives {
            let schema = self.resolve(alternative.into())?;
            let strings: Vec<String> = match &schema.schema_kind {
                SchemaKind::Type(Type::String(string)) => {
                    string.enumeration.iter().flatten().cloned().collect()
                }
                SchemaKind::Any(any) if matches!(any.typ.as_deref(), None | Some("string")) => any
                    .enumeration
                    .iter()
                    .map(|value| value.as_str().map(str::to_owned))
                    .collect::<Option<_>>()?,
                _ => return None,
            };
            if strings.is_empty() {
                return None;
            }
            values.extend(strings);
        }
        (!values.is_empty()).then_some(values)
    }

    fn define_enum(
        &mut self,
        values: Vec<String>,
        at: &Pointer,
        hint: &Hint,
        docs: Option<String>,
    ) -> TypeRef {
        let name = self.claim(hint);
        let mut unique: Vec<String> = Vec::with_capacity(values.len());
        for value in values {
            if !unique.contains(&value) {
                unique.push(value);
            }
        }
        let converted: Vec<(String, &str)> = unique
            .iter()
            .map(|value| (naming::pascal_case(value, "Empty"), value.as_str()))
            .collect();
        let names = naming::distinct_names(&converted, &mut Scope::new());
        let variants = names
            .into_iter()
            .zip(&unique)
            .map(|(rust_name, wire_value)| Variant {
                rust_name,
                wire_value: wire_value.clone(),
            })
            .collect();
        self.types.push(TypeDef {
            name: name.clone(),
            origin: at.to_string(),
            docs,
            kind: TypeKind::Enum(Enum {
                variants,
                unknown: None,
            }),
            validates: false,
        });
        TypeRef::Named(name)
    }

    fn claim(&mut self, hint: &Hint) -> String {
        if hint.exact {
            hint.base.clone()
        } else {
            self.type_names.claim(&hint.base)
        }
    }

    /// The bounds of a primitive or array schema, following `items` references.
    pub(super) fn constraints_of(&self, schema: &Schema) -> Constraints {
        self.constraints_within(schema, 0)
    }

    /// Constraints of arrays of arrays nest; a schema whose `items` lead back
    /// to itself would nest forever, so the depth is bounded.
    fn constraints_within(&self, schema: &Schema, depth: usize) -> Constraints {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => Constraints {
                min_length: string.min_length.map(to_u64),
                max_length: string.max_length.map(to_u64),
                pattern: string.pattern.clone(),
                ..Constraints::default()
            },
            SchemaKind::Type(Type::Number(number)) => Constraints {
                minimum: number.minimum.map(|value| Bound {
                    value: Number::Float(value),
                    exclusive: number.exclusive_minimum,
                }),
                maximum: number.maximum.map(|value| Bound {
                    value: Number::Float(value),
                    exclusive: number.exclusive_maximum,
                }),
                ..Constraints::default()
            },
            SchemaKind::Type(Type::Integer(integer)) => Constraints {
                minimum: integer.minimum.map(|value| Bound {
                    value: Number::Int(value),
                    exclusive: integer.exclusive_minimum,
                }),
                maximum: integer.maximum.map(|value| Bound {
                    value: Number::Int(value),
                    exclusive: integer.exclusive_maximum,
                }),
                ..Constraints::default()
            },
            SchemaKind::Type(Type::Array(array)) => Constraints {
                min_items: array.min_items.map(to_u64),
                max_items: array.max_items.map(to_u64),
                items: self.item_constraints(array.items.as_ref(), depth),
                ..Constraints::default()
            },
            SchemaKind::Any(any) => {
                // Each keyword applies to its own type only (JSON Schema).
                let typ = any.typ.as_deref();
                let integer = typ == Some("integer");
                let number = integer || typ == Some("number");
                let string = typ == Some("string");
                let array = typ == Some("array") || (typ.is_none() && any.items.is_some());
                let bound = |value: Option<f64>, exclusive: Option<bool>| {
                    value.map(|value| Bound {
                        value: spec_number(value, integer),
                        exclusive: exclusive.unwrap_or(false),
                    })
                };
                Constraints {
                    minimum: bound(any.minimum, any.exclusive_minimum).filter(|_| number),
                    maximum: bound(any.maximum, any.exclusive_maximum).filter(|_| number),
                    min_length: any.min_length.map(to_u64).filter(|_| string),
                    max_length: any.max_length.map(to_u64).filter(|_| string),
                    pattern: any.pattern.clone().filter(|_| string),
                    min_items: any.min_items.map(to_u64).filter(|_| array),
                    max_items: any.max_items.map(to_u64).filter(|_| array),
                    items: self
                        .item_constraints(any.items.as_ref(), depth)
                        .filter(|_| array),
                }
            }
            _ => Constraints::default(),
        }
    }

    fn item_constraints(
        &self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        depth: usize,
    ) -> Option<Box<Constraints>> {
        if depth >= MAX_ITEM_DEPTH {
            return None;
        }
        let schema = self.resolve(items?.into())?;
        let constraints = self.constraints_within(schema, depth + 1);
        (!constraints.is_empty() && is_primitive(schema)).then(|| Box::new(constraints))
    }

    /// Keywords the generated code does not enforce get a located warning
    /// rather than being dropped without a word.
    fn warn_unsupported(&mut self, schema: &Schema, at: &Pointer) {
        let mut unsupported: Vec<(Pointer, &str)> = Vec::new();
        if schema.schema_data.discriminator.is_some() {
            unsupported.push((at.push("discriminator"), DISCRIMINATOR));
        }
        let non_string_enum = "only string `enum`s are enforced; these values are not checked";
        match &schema.schema_kind {
            SchemaKind::Type(Type::Number(number)) => {
                if number.multiple_of.is_some() {
                    unsupported.push((at.push("multipleOf"), MULTIPLE_OF));
                }
                if !number.enumeration.is_empty() {
                    unsupported.push((at.clone(), non_string_enum));
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                if integer.multiple_of.is_some() {
                    unsupported.push((at.push("multipleOf"), MULTIPLE_OF));
                }
                if !integer.enumeration.is_empty() {
                    unsupported.push((at.clone(), non_string_enum));
                }
            }
            SchemaKind::Type(Type::Boolean(boolean)) if !boolean.enumeration.is_empty() => {
                unsupported.push((at.clone(), non_string_enum));
            }
            SchemaKind::Type(Type::Array(array)) if array.unique_items => {
                unsupported.push((at.push("uniqueItems"), UNIQUE_ITEMS));
            }
            SchemaKind::Type(Type::Object(object))
                if object.min_properties.is_some() || object.max_properties.is_some() =>
            {
                unsupported.push((at.clone(), OBJECT_BOUNDS));
            }
            SchemaKind::Any(any) => {
                if any.multiple_of.is_some() {
                    unsupported.push((at.push("multipleOf"), MULTIPLE_OF));
                }
                let typ = any.typ.as_deref();
                let numeric = matches!(typ, Some("integer" | "number"));
                if !numeric && (any.minimum.is_some() || any.maximum.is_some()) {
                    unsupported.push((at.clone(), BOUNDS_WITHOUT_NUMBER));
                }
                let string = typ == Some("string");
                let has_string_keywords =
                    any.min_length.is_some() || any.max_length.is_some() || any.pattern.is_some();
                if !string && has_string_keywords {
                    unsupported.push((at.clone(), STRING_KEYWORDS_WITHOUT_STRING));
                }
                if any.unique_items == Some(true) {
                    unsupported.push((at.push("uniqueItems"), UNIQUE_ITEMS));
                }
                if any.min_properties.is_some() || any.max_properties.is_some() {
                    unsupported.push((at.clone(), OBJECT_BOUNDS));
                }
            }
            _ => {}
        }
        for (at, message) in unsupported {
            self.warn(&at, message);
        }
    }
}

const BOUNDS_WITHOUT_NUMBER: &str = "`minimum`/`maximum` apply to numbers and this schema is not `type: number` or `integer`; they are not checked";
const STRING_KEYWORDS_WITHOUT_STRING: &str = "`minLength`/`maxLength`/`pattern` apply to strings and this schema is not `type: string`; they are not checked";
const DISCRIMINATOR: &str =
    "`discriminator` is not used: a value is decoded as the first alternative it fits";
const MULTIPLE_OF: &str = "`multipleOf` is not checked by the generated client";
const UNIQUE_ITEMS: &str = "`uniqueItems` is not checked by the generated client";
const OBJECT_BOUNDS: &str =
    "`minProperties`/`maxProperties` are not checked by the generated client";

/// `#/components/schemas/Pet` is `Pet` (with `~1` and `~0` unescaped).
fn component_key(reference: &str) -> Option<String> {
    let key = reference.strip_prefix("#/components/schemas/")?;
    (!key.contains('/')).then(|| key.replace("~1", "/").replace("~0", "~"))
}

fn properties<'a>(
    properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    at: &Pointer,
) -> Vec<Property<'a>> {
    let at = at.push("properties");
    properties
        .iter()
        .map(|(name, schema)| Property {
            wire_name: name,
            schema: schema.into(),
            at: at.push(name),
        })
        .collect()
}

/// Later `allOf` members refine earlier ones: a property defined again
/// replaces the earlier definition in place.
fn add_properties<'a>(into: &mut Vec<Property<'a>>, more: Vec<Property<'a>>) {
    for property in more {
        match into
            .iter_mut()
            .find(|existing| existing.wire_name == property.wire_name)
        {
            Some(existing) => *existing = property,
            None => into.push(property),
        }
    }
}

/// A schema that lowers to a plain value (not a struct, enum or union).
fn is_primitive(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.is_empty(),
        SchemaKind::Type(
            Type::Number(_) | Type::Integer(_) | Type::Boolean(_) | Type::Array(_),
        ) => true,
        SchemaKind::Any(any) => {
            any.properties.is_empty()
                && any.enumeration.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.all_of.is_empty()
        }
        _ => false,
    }
}

/// A variant name for an alternative of a union.
fn variant_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "Boolean".to_owned(),
        TypeRef::I32 | TypeRef::I64 => "Integer".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "Number".to_owned(),
        TypeRef::Bytes => "Bytes".to_owned(),
        TypeRef::Json => "Value".to_owned(),
        TypeRef::JsonObject | TypeRef::Map(_) => "Object".to_owned(),
        TypeRef::Vec(_) => "Array".to_owned(),
    }
}

fn to_u64(value: usize) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// A bound as the spec wrote it: `100` on an integer schema is an integer.
fn spec_number(value: f64, integer: bool) -> Number {
    let integral = value.fract() == 0.0 && value.abs() < 9.0e15;
    if integer && integral {
        Number::Int(value as i64)
    } else {
        Number::Float(value)
    }
}
