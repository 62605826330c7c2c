from .cases import ScanWatermark, ServiceCase
from .metrics import MetricSnapshot

__all__ = ["MetricSnapshot", "ScanWatermark", "ServiceCase"]
