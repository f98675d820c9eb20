package io.eventsourcing.jdbc;

import java.util.Set;

/**
 * Words that cannot name a schema unquoted, per database: what {@link JdbcDialect#isReserved} checks
 * so that a schema such as {@code select} fails when the backend is constructed, not at its first
 * statement. The lists were taken from the databases themselves (each word refused by
 * {@code CREATE SCHEMA}/{@code CREATE DATABASE} of MariaDB 10.11 and H2 2.4), with MySQL 8's additions
 * and the SQL:2016 standard's reserved words for other databases.
 */
final class ReservedWords {
    /** The reserved words of SQL:2016 (ISO/IEC 9075-2), lower-cased. */
    static final Set<String> SQL_2016 = Set.of(
            "abs", "acos", "all", "allocate", "alter", "and", "any", "are", "array", "array_agg",
            "array_max_cardinality", "as", "asensitive", "asin", "asymmetric", "at", "atan", "atomic",
            "authorization", "avg", "begin", "begin_frame", "begin_partition", "between", "bigint", "binary", "blob",
            "boolean", "both", "by", "call", "called", "cardinality", "cascaded", "case", "cast", "ceil", "ceiling",
            "char", "char_length", "character", "character_length", "check", "classifier", "clob", "close",
            "coalesce", "collate", "collect", "column", "commit", "condition", "connect", "constraint", "contains",
            "convert", "copy", "corr", "corresponding", "cos", "cosh", "count", "covar_pop", "covar_samp", "create",
            "cross", "cube", "cume_dist", "current", "current_catalog", "current_date",
            "current_default_transform_group", "current_path", "current_role", "current_row", "current_schema",
            "current_time", "current_timestamp", "current_transform_group_for_type", "current_user", "cursor",
            "cycle", "date", "day", "deallocate", "dec", "decfloat", "decimal", "declare", "default", "define",
            "delete", "dense_rank", "deref", "describe", "deterministic", "disconnect", "distinct", "double", "drop",
            "dynamic", "each", "element", "else", "empty", "end", "end_frame", "end_partition", "equals", "escape",
            "every", "except", "exec", "execute", "exists", "exp", "external", "extract", "false", "fetch", "filter",
            "first_value", "float", "floor", "for", "foreign", "frame_row", "free", "from", "full", "function",
            "fusion", "get", "global", "grant", "group", "grouping", "groups", "having", "hold", "hour", "identity",
            "in", "indicator", "initial", "inner", "inout", "insensitive", "insert", "int", "integer", "intersect",
            "intersection", "interval", "into", "is", "join", "json_array", "json_arrayagg", "json_exists",
            "json_object", "json_objectagg", "json_query", "json_table", "json_table_primitive", "json_value", "lag",
            "language", "large", "last_value", "lateral", "lead", "leading", "left", "like", "like_regex", "listagg",
            "ln", "local", "localtime", "localtimestamp", "log", "log10", "lower", "match", "match_number",
            "match_recognize", "matches", "max", "measures", "member", "merge", "method", "min", "minute", "mod",
            "modifies", "module", "month", "multiset", "national", "natural", "nchar", "nclob", "new", "no", "none",
            "normalize", "not", "nth_value", "ntile", "null", "nullif", "numeric", "occurrences_regex",
            "octet_length", "of", "offset", "old", "omit", "on", "one", "only", "open", "or", "order", "out",
            "outer", "over", "overlaps", "overlay", "parameter", "partition", "pattern", "per", "percent",
            "percent_rank", "percentile_cont", "percentile_disc", "period", "portion", "position", "position_regex",
            "power", "precedes", "precision", "prepare", "primary", "procedure", "ptf", "range", "rank", "reads",
            "real", "recursive", "ref", "references", "referencing", "regr_avgx", "regr_avgy", "regr_count",
            "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "release", "result",
            "return", "returns", "revoke", "right", "rollback", "rollup", "row", "row_number", "rows", "running",
            "savepoint", "scope", "scroll", "search", "second", "seek", "select", "sensitive", "session_user", "set",
            "show", "similar", "sin", "sinh", "skip", "smallint", "some", "specific", "specifictype", "sql",
            "sqlexception", "sqlstate", "sqlwarning", "sqrt", "start", "static", "stddev_pop", "stddev_samp",
            "submultiset", "subset", "substring", "substring_regex", "succeeds", "sum", "symmetric", "system",
            "system_time", "system_user", "table", "tablesample", "tan", "tanh", "then", "time", "timestamp",
            "timezone_hour", "timezone_minute", "to", "trailing", "translate", "translate_regex", "translation",
            "treat", "trigger", "trim", "trim_array", "true", "truncate", "uescape", "union", "unique", "unknown",
            "unnest", "update", "upper", "user", "using", "value", "value_of", "values", "var_pop", "var_samp",
            "varbinary", "varchar", "varying", "versioning", "when", "whenever", "where", "width_bucket", "window",
            "with", "within", "without", "year");

    /** MariaDB's reserved words, with those MySQL 8 added. */
    static final Set<String> MARIADB = Set.of(
            "accessible", "add", "all", "alter", "analyze", "and", "array", "as", "asc", "asensitive", "before",
            "between", "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change", "char",
            "character", "check", "collate", "column", "condition", "constraint", "continue", "convert", "create",
            "cross", "cube", "cume_dist", "current_date", "current_role", "current_time", "current_timestamp",
            "current_user", "cursor", "databases", "day_hour", "day_microsecond", "day_minute", "day_second", "dec",
            "decimal", "declare", "default", "delayed", "delete", "delete_domain_id", "dense_rank", "desc",
            "describe", "deterministic", "distinct", "distinctrow", "div", "do_domain_ids", "double", "drop", "dual",
            "each", "else", "elseif", "empty", "enclosed", "escaped", "except", "exists", "exit", "explain", "false",
            "fetch", "first_value", "float", "float4", "float8", "for", "force", "foreign", "from", "fulltext",
            "function", "grant", "group", "grouping", "groups", "having", "high_priority", "hour_microsecond",
            "hour_minute", "hour_second", "if", "ignore", "ignore_domain_ids", "in", "index", "infile", "inner",
            "inout", "insensitive", "insert", "int", "int1", "int2", "int3", "int4", "int8", "integer", "intersect",
            "interval", "into", "is", "iterate", "join", "json_table", "key", "keys", "kill", "lag", "last_value",
            "lateral", "lead", "leading", "leave", "left", "like", "limit", "linear", "lines", "load", "localtime",
            "localtimestamp", "lock", "long", "longblob", "longtext", "loop", "low_priority",
            "master_demote_to_replica", "master_demote_to_slave", "master_ssl_verify_server_cert", "match",
            "maxvalue", "mediumblob", "mediumint", "mediumtext", "member", "middleint", "minute_microsecond",
            "minute_second", "mod", "modifies", "natural", "no_write_to_binlog", "not", "nth_value", "ntile", "null",
            "numeric", "of", "offset", "on", "optimize", "optionally", "or", "order", "out", "outer", "outfile",
            "over", "page_checksum", "parse_vcol_expr", "partition", "percent_rank", "portion", "precision",
            "primary", "procedure", "purge", "range", "rank", "read", "read_write", "reads", "real", "recursive",
            "ref_system_id", "references", "regexp", "release", "rename", "repeat", "replace", "require", "resignal",
            "restrict", "return", "returning", "revoke", "right", "rlike", "row_number", "rows", "schemas",
            "second_microsecond", "select", "sensitive", "separator", "set", "show", "signal", "smallint", "spatial",
            "specific", "sql", "sql_big_result", "sql_calc_found_rows", "sql_small_result", "sqlexception",
            "sqlstate", "sqlwarning", "ssl", "starting", "stats_auto_recalc", "stats_persistent",
            "stats_sample_pages", "straight_join", "system", "table", "terminated", "then", "tinyblob", "tinyint",
            "tinytext", "to", "trailing", "trigger", "true", "undo", "union", "unique", "unlock", "unsigned",
            "update", "usage", "use", "using", "utc_date", "utc_time", "utc_timestamp", "values", "varbinary",
            "varchar", "varcharacter", "varying", "when", "where", "while", "window", "with", "write", "xor",
            "year_month", "zerofill");

    /** H2's keywords. */
    static final Set<String> H2 = Set.of(
            "_rowid_", "all", "and", "any", "array", "as", "asymmetric", "authorization", "between", "case", "cast",
            "check", "constraint", "cross", "current_catalog", "current_date", "current_path", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "day", "default", "distinct",
            "else", "end", "except", "exists", "false", "fetch", "for", "foreign", "from", "full", "group", "having",
            "hour", "if", "in", "inner", "intersect", "interval", "is", "join", "key", "left", "like", "limit",
            "localtime", "localtimestamp", "minus", "minute", "month", "natural", "not", "null", "offset", "on",
            "or", "order", "primary", "qualify", "right", "row", "rownum", "second", "select", "session_user", "set",
            "some", "symmetric", "system_user", "table", "to", "true", "uescape", "union", "unique", "unknown",
            "user", "using", "value", "values", "when", "where", "window", "with", "year");

    private ReservedWords() {}
}
