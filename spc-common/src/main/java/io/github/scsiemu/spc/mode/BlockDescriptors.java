package io.github.scsiemu.spc.mode;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The mode parameter block descriptors of a device type (SPC-4 7.5.5, e.g. SBC-3 6.4.2): what MODE SENSE returns
 * after the mode parameter header and what MODE SELECT may change. A logical unit without block descriptors
 * installs none; MODE SENSE then returns none and MODE SELECT rejects any.
 */
public interface BlockDescriptors {

    /**
     * The block descriptors MODE SENSE returns.
     *
     * @param longLbaAccepted whether the CDB was MODE SENSE(10) with LLBAA set, so that 16-byte long LBA block
     *                        descriptors may be returned; otherwise each descriptor must be 8 bytes
     * @param pageControl     which values to return
     * @return the descriptors, all 8 bytes or all 16 bytes long
     */
    List<byte[]> sense(boolean longLbaAccepted, PageControl pageControl);

    /**
     * Validates the block descriptors of a MODE SELECT parameter list without changing anything, and returns how
     * to apply them: the registry applies them only once the mode pages of the same list have been validated too.
     *
     * @param descriptors         the descriptors, each 8 bytes (short) or 16 bytes (LONGLBA set)
     * @param longLba             whether the parameter list announced long LBA descriptors
     * @param parameterListOffset where the first descriptor starts in the parameter list, for field pointers
     * @return applies the descriptors and tells whether any parameter changed
     * @throws io.github.scsiemu.spc.CheckConditionException with INVALID FIELD IN PARAMETER LIST and the field
     *                                                       pointer if a descriptor cannot be accepted
     */
    BooleanSupplier select(List<byte[]> descriptors, boolean longLba, int parameterListOffset);
}
