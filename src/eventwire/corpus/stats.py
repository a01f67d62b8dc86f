"""Corpus statistics: summaries over a store, as composable DuckDB queries.

Counts by event type, dyad and day, the rejects with their reasons, and the
unknown names that the knowledge base could learn.
"""

from __future__ import annotations

from typing import Any

from ..store import Store


def _rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def stats(store: Store, limit: int = 20) -> dict[str, Any]:
    counts = store.counts()
    return {
        "totals": counts,
        "by_type": _rows(
            store,
            "SELECT plover, cameo_root, count(*) AS events FROM events GROUP BY ALL ORDER BY events DESC, plover, cameo_root",
        ),
        "by_status": _rows(store, "SELECT status, count(*) AS events FROM events GROUP BY ALL ORDER BY events DESC, status"),
        "by_dyad": _rows(
            store,
            """SELECT source_code AS source, target_code AS target, count(*) AS events,
                      round(avg(goldstein), 2) AS mean_goldstein
               FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
               GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?""",
            [limit],
        ),
        "by_day": _rows(
            store,
            """SELECT strftime(date, '%Y-%m-%d') AS day, count(*) AS events FROM events
               WHERE date IS NOT NULL GROUP BY ALL ORDER BY day""",
        ),
        "rejects": _rows(
            store,
            "SELECT reason, count(*) AS records, min(origin) AS example FROM rejects GROUP BY ALL ORDER BY records DESC, reason",
        ),
    }


def unknown_actors(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Names the knowledge base lacks, most frequent first: the codes provisional actors were given
    (with the rule that chose them), how many events they fill, and one context, so that a user can
    promote the frequent ones to the knowledge base."""
    return _rows(
        store,
        """WITH named AS (
               SELECT text AS name, mode(label) AS label, count(*) AS mentions,
                      count(DISTINCT content_hash) AS articles, arg_min(context, article_id) AS example
               FROM unknown_names GROUP BY text),
           coded AS (
               SELECT text AS name, code, count(*) AS n, mode(rule) AS rule
               FROM mentions WHERE provisional AND code IS NOT NULL GROUP BY text, code),
           codes AS (
               SELECT name, string_agg(code || ' x' || n, ', ' ORDER BY n DESC, code) AS codes,
                      arg_max(rule, n) AS rule, sum(n) AS coded_mentions
               FROM coded GROUP BY name),
           roles AS (
               SELECT name, count(*) AS events FROM (
                   SELECT source_text AS name FROM events WHERE source_provisional
                   UNION ALL SELECT target_text AS name FROM events WHERE target_provisional)
               GROUP BY name)
           SELECT coalesce(named.name, codes.name) AS name, coalesce(named.label, 'PROPN') AS label,
                  coalesce(named.mentions, codes.coded_mentions) AS mentions, coalesce(named.articles, 1) AS articles,
                  coalesce(roles.events, 0) AS events, coalesce(codes.codes, '') AS codes,
                  coalesce(codes.rule, '') AS rule, coalesce(named.example, '') AS example
           FROM named FULL OUTER JOIN codes ON named.name = codes.name
                LEFT JOIN roles ON roles.name = coalesce(named.name, codes.name)
           ORDER BY mentions DESC, events DESC, articles DESC, name LIMIT ?""",
        [limit],
    )


def stance_by_outlet(store: Store, actor: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Mean stance per actor and outlet, with the article count and the strongest cue as an example.

    ``actor`` matches an actor code (``LBYREB``), a code prefix (``LBY``) or an actor id.
    """
    where, params = "", []
    if actor:
        where = "WHERE s.code = ? OR s.actor_key = ? OR s.code LIKE ?"
        params = [actor, actor, actor + "%"]
    return _rows(
        store,
        f"""SELECT s.code, arg_max(s.name, s.n_cues) AS name, coalesce(a.outlet, '-') AS outlet,
                   count(*) AS articles, round(avg(s.score), 3) AS mean_score, sum(s.n_cues) AS cues,
                   arg_max(json_extract_string(s.evidence, '$[0].text'), abs(s.score)) AS example
            FROM stance s JOIN articles a USING (content_hash) {where}
            GROUP BY s.code, outlet ORDER BY s.code, mean_score, outlet LIMIT ?""",
        params + [limit],
    )
