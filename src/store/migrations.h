/*
 * migrations.h - the numbered schema migrations, embedded at build time.
 *
 * tools/embed_sql.py turns src/store/migrations/NNNN_name.sql into the
 * table below (store_migrations.c in the build directory). Entry i has
 * version i + 1; a migration is never edited once released: a change to
 * the schema is a new file. The SQL is portable (SQLite and PostgreSQL);
 * where the two cannot share a line, a line ending in "-- sqlite only"
 * or "-- postgresql only" runs on that backend alone (store.c).
 */
#ifndef CT_STORE_MIGRATIONS_H
#define CT_STORE_MIGRATIONS_H

struct store_migration {
	int version;
	const char *name;
	const char *const *sql_lines; /* NULL-terminated; join for the text */
};

extern const struct store_migration store_migrations[];
extern const int store_migrations_count;

#endif
