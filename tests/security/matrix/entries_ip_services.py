"""Permission matrix entries: ip_services."""

from .core import (
    API_LOGGED_IN,
    DEFAULT,
    DENIED_API,
    LOGGED_IN,
    PUBLIC,
    STAFF_ONLY,
    WRITE_OK,
    Entry,
)

ENTRIES = [
    Entry("ip-alert-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "ip-alert-detail", obj="ip_services.InfringementAlert", get={"anonymous": DENIED_API, DEFAULT: 404}
    ),
    Entry(
        "ip-alert-history", obj="ip_services.InfringementAlert", get={"anonymous": DENIED_API, DEFAULT: 404}
    ),
    Entry(
        "ip-alert-take-action",
        obj="ip_services.InfringementAlert",
        post={"anonymous": DENIED_API, DEFAULT: 404},
    ),
    Entry(
        "ip-alert-transition",
        obj="ip_services.InfringementAlert",
        post={"anonymous": DENIED_API, DEFAULT: 404},
    ),
    Entry("ip-alert-import-", post={"anonymous": DENIED_API, DEFAULT: 415}),
    Entry("ip-asset-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "ip-asset-detail",
        obj="ip_asset",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        patch={
            "anonymous": DENIED_API,
            "owner": WRITE_OK,
            "staff": WRITE_OK,
            "admin": WRITE_OK,
            DEFAULT: 404,
        },
        delete={"anonymous": DENIED_API, DEFAULT: 405},
    ),
    Entry(
        "ip-asset-deadlines",
        obj="ip_asset",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry("ip-deadline-list", get=API_LOGGED_IN),
    Entry(
        "ip-deadline-detail",
        obj="ip_services.IpDeadline",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "ip-deadline-complete",
        obj="ip_services.IpDeadline",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry("ip-disclaimer", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry("ip-dispute-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "ip-dispute-detail",
        obj="dispute",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "ip-dispute-close",
        obj="dispute",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip-dispute-evidence",
        obj="dispute",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip-dispute-history",
        obj="dispute",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "ip-dispute-parties",
        obj="dispute",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip-dispute-transition",
        obj="dispute",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry("ip-request-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "ip-request-detail",
        obj="ip_request",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "ip-request-assign",
        obj="ip_request",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip-request-deliver",
        obj="ip_request",
        post={"anonymous": DENIED_API, "owner": 415, "staff": 415, "admin": 415, DEFAULT: 404},
    ),
    Entry(
        "ip-request-history",
        obj="ip_request",
        get={"anonymous": DENIED_API, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
    ),
    Entry(
        "ip-request-transition",
        obj="ip_request",
        post={"anonymous": DENIED_API, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry("ip-watch-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "ip-watch-detail", obj="ip_services.InfringementWatch", get={"anonymous": DENIED_API, DEFAULT: 404}
    ),
    Entry("ip_services:asset_list", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry(
        "ip_services:asset_detail",
        obj="ip_asset",
        get={"anonymous": 302, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:asset_edit",
        obj="ip_asset",
        get={"anonymous": 302, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:asset_create",
        get={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: 200},
        post={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: WRITE_OK},
    ),
    Entry("ip_services:deadline_list", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry(
        "ip_services:deadline_complete",
        obj="ip_services.IpDeadline",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:disclaimer",
        get={
            "anonymous": 302,
            "evaluator": 403,
            "other_evaluator": 403,
            "staff": 403,
            "investor": 403,
            DEFAULT: 200,
        },
        post={
            "anonymous": 302,
            "evaluator": 403,
            "other_evaluator": 403,
            "staff": 403,
            "investor": 403,
            DEFAULT: WRITE_OK,
        },
    ),
    Entry(
        "ip_services:dispute_list",
        get={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: 200},
        post={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: WRITE_OK},
    ),
    Entry(
        "ip_services:dispute_detail",
        obj="dispute",
        get={"anonymous": 302, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:dispute_close",
        obj="dispute",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "ip_services:evidence_add",
        obj="dispute",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:party_add",
        obj="dispute",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "ip_services:dispute_transition",
        obj="dispute",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:dispute_create",
        get={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: 200},
        post={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: WRITE_OK},
    ),
    Entry(
        "ip_services:watch_list",
        get={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: 200},
        post={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: WRITE_OK},
    ),
    Entry(
        "ip_services:alert_list",
        get={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: 200},
        post={"anonymous": 302, "evaluator": 403, "other_evaluator": 403, "investor": 403, DEFAULT: WRITE_OK},
    ),
    Entry(
        "ip_services:alert_detail",
        obj="ip_services.InfringementAlert",
        get={"anonymous": 302, DEFAULT: 404},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry(
        "ip_services:alert_action",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "ip_services:alert_transition",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry(
        "ip_services:alert_import",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "ip_services:alert_create",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "ip_services:alert_template",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "ip_services:watch_toggle",
        obj="ip_services.InfringementWatch",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry("ip_services:portfolio", obj="published", get=PUBLIC, post={DEFAULT: WRITE_OK}),
    Entry("ip_services:request_list", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry(
        "ip_services:request_detail",
        obj="ip_request",
        get={"anonymous": 302, "owner": 200, "staff": 200, "admin": 200, DEFAULT: 404},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:request_assign",
        obj="ip_request",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "ip_services:request_deliver",
        obj="ip_request",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:request_material",
        obj="ip_request",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:request_transition",
        obj="ip_request",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "ip_services:request_create",
        get={
            "owner": 200,
            "evaluator": 403,
            "other_evaluator": 403,
            "staff": 403,
            "investor": 403,
            DEFAULT: 302,
        },
        post={
            "anonymous": 302,
            "evaluator": 403,
            "other_evaluator": 403,
            "staff": 403,
            "investor": 403,
            DEFAULT: WRITE_OK,
        },
    ),
]
