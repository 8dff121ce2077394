#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/definitions.h"
#include "model/render.h"
#include "parser/prisma/prisma_schema.h"

namespace drift::parser::prisma {
namespace {

using testing::HasSubstr;

const char kDatasource[] =
    "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";

PrismaSchema Map(const std::string& body) {
  return MapPrismaFiles({{"schema.prisma", std::string(kDatasource) + body}});
}

const model::Table* TableNamed(const model::Schema& s, const std::string& name) {
  for (const model::Table& t : s.tables) {
    if (t.name.name == name) return &t;
  }
  return nullptr;
}

TEST(PrismaMapping, ScalarsNativeTypesAndDefaults) {
  PrismaSchema s = Map(R"(
enum Role {
  USER
  ADMIN @map("admin")
  @@map("role")
}
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique @db.VarChar(255)
  name      String?
  role      Role     @default(ADMIN)
  tags      String[] @default([])
  balance   Decimal  @default(0)
  ratio     Float    @default(1.5)
  active    Boolean  @default(true)
  meta      Json     @default("{}")
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt
  token     String   @default(uuid()) @db.Uuid
  big       BigInt   @default(dbgenerated("42"))
  blob      Bytes?
  note      String   @default("it's") @map("the_note")
  geo       Unsupported("point")?
}
)");
  ASSERT_TRUE(s.diagnostics.empty()) << s.diagnostics[0].message;
  const model::Table* t = TableNamed(s.schema, "User");
  ASSERT_NE(t, nullptr);
  std::string text = model::DumpText(s.schema);
  for (const char* line : {
           "enum role ('USER', 'admin')",
           "  column id integer NOT NULL DEFAULT nextval('\"User_id_seq\"'::regclass)",
           "  column email character varying(255) NOT NULL",
           "  column name text\n",
           "  column role role NOT NULL DEFAULT 'admin'::role",
           "  column tags text[] DEFAULT ARRAY[]::text[]",
           "  column balance numeric(65,30) NOT NULL DEFAULT 0",
           "  column ratio double precision NOT NULL DEFAULT 1.5",
           "  column active boolean NOT NULL DEFAULT true",
           "  column meta jsonb NOT NULL DEFAULT '{}'::jsonb",
           "  column \"createdAt\" timestamp(3) without time zone NOT NULL DEFAULT "
           "CURRENT_TIMESTAMP",
           "  column \"updatedAt\" timestamp(3) without time zone NOT NULL\n",
           "  column token uuid NOT NULL\n",
           "  column big bigint NOT NULL DEFAULT 42",
           "  column blob bytea\n",
           "  column the_note text NOT NULL DEFAULT 'it''s'::text",
           "  column geo point\n",
           "  constraint \"User_pkey\" PRIMARY KEY (id)",
           "index CREATE UNIQUE INDEX \"User_email_key\" ON public.\"User\" USING btree (email)",
       }) {
    EXPECT_THAT(text, HasSubstr(line));
  }
}

TEST(PrismaMapping, RelationsIndexesAndNames) {
  PrismaSchema s = Map(R"(
model Author {
  id    String @id
  posts Post[]
  tags  Tag[]
}
model Post {
  id       Int     @id
  authorId String
  editorId String?
  author   Author  @relation(fields: [authorId], references: [id])
  editor   Editor? @relation(fields: [editorId], references: [id], onDelete: Cascade, map: "post_editor")
  title    String
  @@unique([authorId, title])
  @@index([title(sort: Desc), authorId], type: Hash)
  @@map("posts")
}
model Editor {
  id    String @id
  posts Post[]
}
model Tag {
  id      Int      @id
  authors Author[]
}
model ThisModelNameIsLongEnoughToNeedPrismaTruncationOfItsNamesX {
  id Int
  someRatherLongColumnName Int
  @@id([id, someRatherLongColumnName])
  @@index([someRatherLongColumnName])
}
)");
  ASSERT_TRUE(s.diagnostics.empty()) << s.diagnostics[0].message;
  std::string text = model::DumpText(s.schema);
  for (
      const char* line : {
          "constraint \"posts_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"Author\"(id) "
          "ON UPDATE CASCADE ON DELETE RESTRICT",
          "constraint post_editor FOREIGN KEY (\"editorId\") REFERENCES \"Editor\"(id) ON UPDATE "
          "CASCADE ON DELETE CASCADE",
          "index CREATE UNIQUE INDEX \"posts_authorId_title_key\" ON public.posts USING btree "
          "(\"authorId\", title)",
          "index CREATE INDEX \"posts_title_authorId_idx\" ON public.posts USING hash (title DESC, "
          "\"authorId\")",
          // The implicit many-to-many join table, as Prisma 6+ makes it.
          "table \"_AuthorToTag\"",
          "  column \"A\" text NOT NULL",
          "  column \"B\" integer NOT NULL",
          "  constraint \"_AuthorToTag_AB_pkey\" PRIMARY KEY (\"A\", \"B\")",
          "  constraint \"_AuthorToTag_A_fkey\" FOREIGN KEY (\"A\") REFERENCES \"Author\"(id) ON "
          "UPDATE CASCADE ON DELETE CASCADE",
          "index CREATE INDEX \"_AuthorToTag_B_index\" ON public.\"_AuthorToTag\" USING btree "
          "(\"B\")",
          // 58 bytes of the table name, then _pkey; 59 bytes of "table_column", then _idx.
          "constraint \"ThisModelNameIsLongEnoughToNeedPrismaTruncationOfItsNamesX_pkey\"",
          "index CREATE INDEX \"ThisModelNameIsLongEnoughToNeedPrismaTruncationOfItsNamesX__idx\"",
      }) {
    EXPECT_THAT(text, HasSubstr(line));
  }
}

TEST(PrismaDiagnostics, SyntaxErrorsStopAtTheFirstWithAPlace) {
  struct Case {
    std::string body;
    std::string message;
    uint32_t line, column;  // in the body (the datasource takes 4 lines)
  } cases[] = {
      {"model User {\n  id Int @id\n", "unterminated block model User: no closing '}'", 1, 12},
      {"model User {\n  id String @default(\"abc)\n}\n", "unterminated string", 2, 22},
      {"model User {\n  id\n}\n", "field id has no type", 2, 3},
      {"thing X {}\n",
       "unknown block 'thing': expected model, enum, datasource, generator, view or type", 1, 1},
      {"model User {\n  id Int @id(\n}\n", "expected a value, found '}'", 3, 1},
      {"/* never closed\nmodel User {\n  id Int @id\n}\n", "unterminated comment: no closing '*/'",
       1, 1},
      // Prisma's engine takes /* … */ only where a line starts or ends.
      {"model User {\n  id Int @id /* x */ @default(1)\n}\n", "unexpected '@' in field id", 2, 22},
      {"model User {\n  id Int @id(/* x */)\n}\n", "expected a value, found a comment", 2, 14},
  };
  for (const Case& c : cases) {
    PrismaSchema s = Map(c.body);
    ASSERT_EQ(s.diagnostics.size(), 1u) << c.body;
    EXPECT_EQ(s.diagnostics[0].message, c.message);
    EXPECT_EQ(s.diagnostics[0].span.line, c.line + 4) << c.body;
    EXPECT_EQ(s.diagnostics[0].span.column, c.column) << c.body;
  }
}

TEST(PrismaDiagnostics, ValidationInPrismasSpirit) {
  struct Case {
    std::string body;
    std::string code;
    std::string message;
  } cases[] = {
      {"model A {\n  id Int @id\n  x Strnig\n}\n", "prisma.unknown-type", "type Strnig"},
      {"model A {\n  id Int @id @primary\n}\n", "prisma.unknown-attribute",
       "unknown attribute @primary"},
      {"model A {\n  id Int @id\n}\nmodel A {\n  id Int @id\n}\n", "prisma.duplicate",
       "A is defined more than once"},
      {"model A {\n  id Int @id\n  id String\n}\n", "prisma.duplicate",
       "field id is defined more than once"},
      {"model A {\n  id Int @id\n  @@index([nope])\n}\n", "prisma.unknown-field",
       "A has no field named nope"},
      {"model A {\n  id Int @id @db.VarChar(3)\n}\n", "prisma.native-type",
       "does not fit a Int field"},
      {"type Address {\n  street String\n}\n", "prisma.composite-type",
       "only available on MongoDB"},
      {"model A {\n  id Int @id\n  b Int @unique\n  @@index([b], map: \"A_b_key\")\n}\n",
       "prisma.duplicate-name", "the constraint name `A_b_key` is used more than once"},
      {"model A {\n  id Int @id\n  @@index([id], name: \"n\", map: \"m\")\n}\n", "prisma.index-name",
       "not both"},
      {"model A {\n  id Int @id\n  @@map(\"T\")\n}\nmodel B {\n  id Int @id\n  @@map(\"T\")\n}\n",
       "prisma.duplicate-name", "maps to the database name"},
      {"model A {\n  id Int @id\n  b B @relation(fields: [id], references: [id])\n}\n"
       "model B {\n  id Int @id\n}\n",
       "prisma.relation", "has no opposite relation field on model B"},
      {"model A {\n  id Int?\n}\n", "prisma.no-unique-criteria", "no unique criteria"},
      {"model A {\n  id Int @id\n  on Boolean\n  @@index([on], type: Brin)\n}\n",
       "prisma.index-type", "a Brin index has no operator class"},
      {"model A {\n  id Int @id\n  doc String @db.Xml @unique\n}\n", "prisma.index-type",
       "native type Xml"},
      {"model A {\n  a Int\n  b Int\n  @@id([a, b], name: \"k\")\n  @@unique([b, a], name: \"k\")\n}\n",
       "prisma.duplicate-name", "compound name `k`"},
  };
  for (const Case& c : cases) {
    PrismaSchema s = Map(c.body);
    ASSERT_FALSE(s.diagnostics.empty()) << c.body;
    EXPECT_EQ(s.diagnostics[0].code, c.code) << c.body;
    EXPECT_THAT(s.diagnostics[0].message, HasSubstr(c.message)) << c.body;
  }
  PrismaSchema mysql =
      MapPrismaFiles({{"s.prisma", "datasource db {\n  provider = \"mysql\"\n}\n"}});
  ASSERT_EQ(mysql.diagnostics.size(), 1u);
  EXPECT_THAT(mysql.diagnostics[0].message, HasSubstr("drift supports PostgreSQL only"));
  EXPECT_EQ(mysql.diagnostics[0].span.line, 2u);
}

TEST(PrismaDiagnostics, BlockCommentsWherePrismaTakesThem) {
  PrismaSchema s = Map(
      "/**\n * A documented model\n */\nmodel A { /* after the brace */\n"
      "  /* before a field */ id Int @id\n  b Int /* after a field */\n"
      "  /* multi\n     line */\n  /* before */ @@index([b])\n}\n");
  ASSERT_TRUE(s.diagnostics.empty()) << s.diagnostics[0].message;
  const model::Table* a = TableNamed(s.schema, "A");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->columns.size(), 2u);
  ASSERT_EQ(s.schema.indexes.size(), 1u);
  EXPECT_EQ(s.schema.indexes[0].name.name, "A_b_idx");
}

TEST(PrismaDiagnostics, EmptyBinaryAndHugeInputs) {
  EXPECT_EQ(MapPrismaFiles({{"s.prisma", ""}}).diagnostics.at(0).code, "prisma.empty");
  EXPECT_EQ(MapPrismaFiles({{"s.prisma", std::string("model\0x", 7)}}).diagnostics.at(0).code,
            "prisma.binary");
  std::string many = kDatasource;
  for (int i = 0; i < 20000; ++i) {
    many += "model M" + std::to_string(i) + " {\n  id Int @id\n  name String @unique\n}\n";
  }
  PrismaSchema s = MapPrismaFiles({{"s.prisma", many}});
  EXPECT_TRUE(s.diagnostics.empty());
  EXPECT_EQ(s.schema.tables.size(), 20000u);
}

TEST(PrismaSchemaFiles, AFolderIsOneSchema) {
  PrismaSchema s = MapPrismaFiles(
      {{"a.prisma", std::string(kDatasource) + "model A {\n  id Int @id\n  b B[]\n}\n"},
       {"b.prisma",
        "model B {\n  id Int @id\n  aId Int\n  a A @relation(fields: [aId], references: "
        "[id])\n}\n"}});
  ASSERT_TRUE(s.diagnostics.empty()) << s.diagnostics[0].message;
  EXPECT_EQ(s.schema.tables.size(), 2u);
}

}  // namespace
}  // namespace drift::parser::prisma
