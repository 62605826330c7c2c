"""Permission matrix entries: achievements."""

from .core import (
    API_PUBLIC,
    DEFAULT,
    DENIED_API,
    STAFF_ONLY,
    WRITE_OK,
    Entry,
)

ENTRIES = [
    Entry(
        "achievements:detail",
        obj="draft",
        get={"anonymous": 302, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "achievements:delete",
        obj="draft",
        get={DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "other_holder": 404, DEFAULT: 403},
    ),
    Entry(
        "achievements:diff",
        obj="draft",
        get={"anonymous": 302, DEFAULT: 404},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry(
        "achievements:step",
        obj="draft",
        get={
            "anonymous": 302,
            "enterprise": 403,
            "evaluator": 403,
            "other_evaluator": 403,
            "investor": 403,
            DEFAULT: 404,
        },
        post={
            "anonymous": 302,
            "enterprise": 403,
            "evaluator": 403,
            "other_evaluator": 403,
            "investor": 403,
            DEFAULT: 404,
        },
    ),
    Entry(
        "achievements:material_delete",
        obj="draft",
        kwargs=lambda w: {"attachment_id": w.attachment.pk},
        get={DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "other_holder": 404, DEFAULT: 403},
    ),
    Entry(
        "achievements:reassign",
        obj="draft",
        get={DEFAULT: 405},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "achievements:review",
        obj="draft",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "achievements:submission_pdf",
        obj="draft",
        kwargs={"number": 1},
        get={"anonymous": 302, DEFAULT: 404},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry(
        "achievements:submit",
        obj="draft",
        get={DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "other_holder": 404, DEFAULT: 403},
    ),
    Entry(
        "achievements:withdraw",
        obj="draft",
        get={DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "other_holder": 404, DEFAULT: 403},
    ),
    Entry(
        "achievements:mine",
        get={"anonymous": 302, "owner": 200, "other_holder": 200, DEFAULT: 403},
        post={"anonymous": 302, "owner": WRITE_OK, "other_holder": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "achievements:create",
        get={"anonymous": 302, "owner": 200, "other_holder": 200, DEFAULT: 403},
        post={"anonymous": 302, "owner": WRITE_OK, "other_holder": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "achievements:queue",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry("achievement-type-list", get=API_PUBLIC),
    Entry("achievement-type-detail", kwargs={"code": "conversion_rate"}, get={DEFAULT: 404}),
    Entry("achievement-type-materials", kwargs={"code": "conversion_rate"}, get={DEFAULT: 404}),
    Entry("achievement-list", get=API_PUBLIC, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "achievement-detail",
        obj="draft",
        get={"owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        patch={
            "anonymous": DENIED_API,
            "owner": WRITE_OK,
            "staff": WRITE_OK,
            "admin": WRITE_OK,
            DEFAULT: 404,
        },
        delete={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": 403, "admin": 403, DEFAULT: 404},
    ),
    Entry("achievement-diff", obj="draft", get={DEFAULT: 404}),
    Entry("achievement-history", obj="draft", get={"owner": 200, "staff": 200, "admin": 200, DEFAULT: 404}),
    Entry(
        "achievement-materials",
        obj="draft",
        get={"owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "achievement-reassign",
        obj="draft",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "achievement-review",
        obj="draft",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "achievement-submissions", obj="draft", get={"owner": 200, "staff": 200, "admin": 200, DEFAULT: 404}
    ),
    Entry("achievement-submission-detail", obj="draft", kwargs={"number": 1}, get={DEFAULT: 404}),
    Entry(
        "achievement-transition",
        obj="draft",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry("application-scenario-list", get=API_PUBLIC),
    Entry("application-scenario-detail", kwargs={"code": "conversion_rate"}, get={DEFAULT: 404}),
    Entry("cooperation-mode-list", get=API_PUBLIC),
    Entry("cooperation-mode-detail", kwargs={"code": "conversion_rate"}, get={DEFAULT: 404}),
    Entry("technical-field-list", get=API_PUBLIC),
    Entry("technical-field-detail", kwargs={"code": "conversion_rate"}, get={DEFAULT: 404}),
]
