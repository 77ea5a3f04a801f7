"""`fix-table-storage`: record on every `fix.lut` where its table is stored.

The device model decides (`srcc.analysis.device_model.table_storage`: LUTRAM, or block RAM
for a table too large for it); the pass writes the decision as the op's `fix.storage`, which
the HLS emitter turns into a storage pragma and the cost model prices. A `fix.storage`
already on the op is kept.
"""

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import builtin
from xdsl.dialects.builtin import StringAttr
from xdsl.passes import ModulePass

from srcc.analysis.device_model import table_storage
from srcc.dialects import fix


@dataclass(frozen=True)
class FixTableStoragePass(ModulePass):
    """Set `fix.storage` on every `fix.lut` that has none, by the device model's rule."""

    name = "fix-table-storage"

    def apply(self, ctx: Context, op: builtin.ModuleOp) -> None:
        for lut in op.walk():
            if isinstance(lut, fix.LutOp) and fix.STORAGE_ATTR not in lut.attributes:
                assert isinstance(lut.result.type, fix.FixType)
                storage = table_storage(len(lut.table), lut.result.type.width)
                lut.attributes[fix.STORAGE_ATTR] = StringAttr(storage)
