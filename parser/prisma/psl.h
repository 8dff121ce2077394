// File: psl.h
//
// The Prisma Schema Language as the parser reads it: blocks (datasource, generator,
// model, enum, view, type), fields and attributes with their arguments, each with its
// place in the source. Mapping to PostgreSQL happens in map.cc.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.h"

namespace drift::parser::prisma {

// An attribute argument's value: "text", 42, true, Name, [a, b], fn(args), { key: value }.
struct Value;
struct Argument {
  std::string name;  // "" for a positional argument
  std::shared_ptr<Value> value;
};

struct Value {
  enum Kind { kString, kNumber, kIdentifier, kArray, kCall, kObject } kind = kIdentifier;
  std::string text;                 // string contents, number or identifier text, call name
  std::vector<Value> items;         // array items
  std::vector<Argument> arguments;  // call arguments; an object's members, by name
  model::SourceSpan span;
};

struct Attribute {
  std::string name;  // "id", "default", "db.VarChar", "@index" for block attributes ("@" kept)
  std::vector<Argument> arguments;
  model::SourceSpan span;
  // The argument named `name`, or the `position`-th positional one.
  const Value* Find(const std::string& name, int position = -1) const;
};

struct Field {
  std::string name;
  std::string type;         // scalar, model or enum name; "Unsupported" with `unsupported`
  std::string unsupported;  // Unsupported("…") text
  bool optional = false;
  bool list = false;
  std::vector<Attribute> attributes;
  model::SourceSpan span;
  const Attribute* Find(const std::string& attribute) const;
};

// An entry of a datasource or generator block: `key = value`.
struct Setting {
  std::string key;
  Value value;
  model::SourceSpan span;
};

struct Block {
  enum Kind { kDatasource, kGenerator, kModel, kEnum, kView, kType } kind = kModel;
  std::string name;
  std::vector<Field> fields;          // model/view/type fields; enum values (type empty)
  std::vector<Attribute> attributes;  // block attributes (@@...)
  std::vector<Setting> settings;      // datasource/generator
  model::SourceSpan span;
  const Attribute* Find(const std::string& attribute) const;
};

struct SchemaAst {
  std::vector<Block> blocks;
};

}  // namespace drift::parser::prisma
