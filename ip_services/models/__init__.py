"""IP services (000 §5.5): assets and deadlines, service requests, infringement monitoring, disputes."""

from .assets import DeadlineReminder, IpAsset, IpDeadline
from .disputes import Dispute, DisputeEvidence, DisputeParty
from .monitoring import InfringementAlert, InfringementWatch
from .requests import DisclaimerAcknowledgement, IpServiceRequest

__all__ = [
    "DeadlineReminder",
    "DisclaimerAcknowledgement",
    "Dispute",
    "DisputeEvidence",
    "DisputeParty",
    "InfringementAlert",
    "InfringementWatch",
    "IpAsset",
    "IpDeadline",
    "IpServiceRequest",
]
