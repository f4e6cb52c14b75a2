-- Signer search ignores accents and case: "muller" finds Müller, "ZOE" finds Zoé.
-- unaccent strips the accents, pg_trgm indexes the folded text for '%…%' searches. Both are
-- trusted extensions (Postgres 13+): a database owner may create them without superuser.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- unaccent(text) is only STABLE (it looks its dictionary up through search_path), so it cannot
-- feed a generated column or an index. Naming the dictionary and the function by schema makes
-- the result depend on the input alone, which is what IMMUTABLE promises. Stored rows and the
-- searched-for text go through this same function, so both sides are folded alike.
CREATE OR REPLACE FUNCTION public.picket_search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
