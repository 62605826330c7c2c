"""PostgreSQL full-text expressions over the search document (parameters always bound, never formatted)."""

from __future__ import annotations

from django.db.models import BooleanField, CharField, F, FloatField, Func, Value


class ToTsQuery(Func):
    """A tsquery from its text form (built by ``text.Query``: quoted word lexemes, &, |, <->)."""

    template = "(%(expressions)s)::tsquery"
    output_field = CharField()


class Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class TsRank(Func):
    function = "ts_rank"
    output_field = FloatField()


class ILike(Func):
    arg_joiner = " ILIKE "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def vector_matches(tsquery: str) -> Matches:
    return Matches(F("vector"), ToTsQuery(Value(tsquery, output_field=CharField())))


def vector_rank(tsquery: str) -> TsRank:
    return TsRank(F("vector"), ToTsQuery(Value(tsquery, output_field=CharField())))


def plain_contains(text: str) -> ILike:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return ILike(F("plain"), Value(f"%{escaped}%", output_field=CharField()))
