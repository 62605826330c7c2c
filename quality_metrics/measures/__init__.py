"""One function per indicator: ``measure(start_at, end_at) -> Measurement`` (aware datetimes, end exclusive).

Each reads the owning app's records (never writes them) with a fixed number of aggregate queries, whatever
the amount of data. A source app that has not shipped its models yet gives status ``no_source``.
"""

from .outcomes import docking_success, incubation_success, ip_protection
from .own import conformity, satisfaction
from .result import NO_DATA, NO_SOURCE, OK, Measurement
from .spine import conversion_rate
from .timeliness import timeliness

__all__ = [
    "NO_DATA",
    "NO_SOURCE",
    "OK",
    "Measurement",
    "conformity",
    "conversion_rate",
    "docking_success",
    "incubation_success",
    "ip_protection",
    "satisfaction",
    "timeliness",
]
