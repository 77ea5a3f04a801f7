"""`srcc-opt`: xDSL's opt driver with srcc's dialects and passes registered."""

from xdsl.xdsl_opt_main import xDSLOptMain

from srcc.dialects import get_all_dialects
from srcc.emitters.hls import HlsTarget
from srcc.pipeline import available_passes


class SrccOptMain(xDSLOptMain):
    def register_all_dialects(self) -> None:
        super().register_all_dialects()
        for name, factory in get_all_dialects().items():
            if name not in self.ctx.registered_dialect_names:
                self.ctx.register_dialect(name, factory)

    def register_all_passes(self) -> None:
        for name, factory in available_passes().items():
            self.register_pass(name, factory)

    def register_all_targets(self) -> None:
        super().register_all_targets()
        self.available_targets["hls"] = lambda: HlsTarget


def main() -> None:
    SrccOptMain(description="srcc modular optimizer driver").run()
