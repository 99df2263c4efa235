package io.github.scsiemu.spc.alua;

import io.github.scsiemu.api.LogicalUnit;

/** The Linux client scenarios against a logical unit of the shared engine with a medium-access-like command. */
class EngineLogicalUnitAluaScenariosTest extends AluaClientScenarios {

    @Override
    protected LogicalUnit logicalUnit(TargetPortGroups groups) {
        return AluaFixture.logicalUnit(groups, "SN1");
    }

    @Override
    protected byte[] dataCommand() {
        return AluaFixture.mediumAccess();
    }
}
