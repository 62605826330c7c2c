"""Permission matrix entries: library."""

from .core import (
    API_LOGGED_IN,
    API_PUBLIC,
    API_STAFF_ONLY,
    DEFAULT,
    DENIED_API,
    LOGGED_IN,
    PUBLIC,
    STAFF_ONLY,
    WRITE_OK,
    Entry,
)

ENTRIES = [
    Entry("library-entry-list", get=API_PUBLIC),
    Entry("library-entry-detail", obj="published", get=API_PUBLIC),
    Entry(
        "library-access-request-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}
    ),
    Entry(
        "library-access-request-detail",
        obj="library.AccessRequest",
        get={"anonymous": DENIED_API, DEFAULT: 404},
    ),
    Entry(
        "library-access-request-history",
        obj="library.AccessRequest",
        get={"anonymous": DENIED_API, DEFAULT: 404},
    ),
    Entry(
        "library-access-request-transition",
        obj="library.AccessRequest",
        post={"anonymous": DENIED_API, DEFAULT: 404},
    ),
    Entry("library-favourite-list", get=API_LOGGED_IN, post={"anonymous": DENIED_API, DEFAULT: WRITE_OK}),
    Entry(
        "library-favourite-detail",
        obj="library.Favourite",
        delete={"anonymous": DENIED_API, DEFAULT: 404},
        allow_writes=("library_favourite",),
    ),
    Entry(
        "library-import-job-list",
        get=API_STAFF_ONLY,
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "library-import-job-detail",
        obj="library.ImportJob",
        get={"anonymous": DENIED_API, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "library-publication-publish",
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "library-publication-unpublish",
        post={"anonymous": DENIED_API, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry("library-recommendation-list", get=API_LOGGED_IN),
    Entry("library:index", get=PUBLIC, post={DEFAULT: WRITE_OK}),
    Entry("library:detail", obj="published", get=PUBLIC, post={DEFAULT: WRITE_OK}),
    Entry(
        "library:favourite",
        obj="published",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, DEFAULT: WRITE_OK},
    ),
    Entry(
        "library:request_access",
        obj="published",
        get={"anonymous": 302, "enterprise": 200, "admin": 200, "investor": 200, DEFAULT: 404},
        post={
            "anonymous": 302,
            "enterprise": WRITE_OK,
            "admin": WRITE_OK,
            "investor": WRITE_OK,
            DEFAULT: 404,
        },
    ),
    Entry(
        "library:unpublish",
        obj="published",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry("library:access_requests", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry(
        "library:access_request",
        obj="published",
        get={"anonymous": 302, DEFAULT: 404},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry(
        "library:access_act",
        obj="published",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, DEFAULT: 404},
    ),
    Entry("library:access_incoming", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry("library:compare", get=PUBLIC, post={DEFAULT: WRITE_OK}),
    Entry("library:export", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry("library:favourites", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry("library:feed", get=PUBLIC, post={DEFAULT: WRITE_OK}),
    Entry("library:feed_atom", get=PUBLIC, post={DEFAULT: WRITE_OK}),
    Entry(
        "library:import",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "library:import_job",
        obj="published",
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "library:import_progress",
        obj="published",
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "library:import_template",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "library:manage",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "library:manage_entry",
        obj="published",
        get={"anonymous": 302, "staff": 405, "admin": 405, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "library:proposal",
        obj="published",
        get={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
        post={"anonymous": 302, "staff": 404, "admin": 404, DEFAULT: 403},
    ),
    Entry(
        "library:publish_queue",
        get=STAFF_ONLY,
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry(
        "library:publish",
        obj="published",
        get={"anonymous": 302, "staff": 302, "admin": 302, DEFAULT: 403},
        post={"anonymous": 302, "staff": WRITE_OK, "admin": WRITE_OK, DEFAULT: 403},
    ),
    Entry("library:recommendations", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry("library:updates", get=LOGGED_IN, post={"anonymous": 302, DEFAULT: WRITE_OK}),
    Entry(
        "library:update_confirm",
        obj="published",
        get={"anonymous": 302, DEFAULT: 405},
        post={"anonymous": 302, "owner": WRITE_OK, DEFAULT: 404},
    ),
    Entry(
        "library:update_refresh",
        obj="published",
        get={"anonymous": 302, "owner": 200, DEFAULT: 404},
        post={"anonymous": 302, "owner": WRITE_OK, DEFAULT: 404},
    ),
]
