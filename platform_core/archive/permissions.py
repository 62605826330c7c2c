from __future__ import annotations

import rules

from platform_core.accounts.roles import is_staff_member

# The archive register is a staff tool: search, download, export, manual archiving and disposal.
can_manage_archive = is_staff_member

rules.add_perm("archive.view_archive", is_staff_member)
rules.add_perm("archive.manage_archive", is_staff_member)
