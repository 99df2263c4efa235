package io.github.scsiemu.spc.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A log page in the general log parameter format (SPC-4 7.3.2): a PAGE CODE, a SUBPAGE CODE and its log
 * parameters in ascending order of parameter code.
 */
public final class LogPage {

    private final String name;
    private final int pageCode;
    private final int subpageCode;
    private final List<LogParameter> parameters;

    /**
     * @param name        the page's name in the standard
     * @param pageCode    the PAGE CODE, 01h-3Fh (00h is the supported pages pages, which every registry has)
     * @param subpageCode the SUBPAGE CODE, 00h-FEh
     * @param parameters  the parameters, with distinct parameter codes in any order
     */
    public LogPage(String name, int pageCode, int subpageCode, List<LogParameter> parameters) {
        this.name = Objects.requireNonNull(name, "name");
        if (pageCode < 1 || pageCode > 0x3F || subpageCode < 0 || subpageCode > 0xFE) {
            throw new IllegalArgumentException("page code must be 01h-3Fh and subpage code 00h-FEh");
        }
        this.pageCode = pageCode;
        this.subpageCode = subpageCode;
        List<LogParameter> sorted = new ArrayList<>(parameters);
        sorted.sort(Comparator.comparingInt(LogParameter::parameterCode));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).parameterCode() == sorted.get(i - 1).parameterCode()) {
                throw new IllegalArgumentException(name + ": parameter code declared twice");
            }
        }
        this.parameters = List.copyOf(sorted);
    }

    public String name() {
        return name;
    }

    public int pageCode() {
        return pageCode;
    }

    public int subpageCode() {
        return subpageCode;
    }

    /** The parameters, ascending by parameter code. */
    public List<LogParameter> parameters() {
        return parameters;
    }

    /** The parameter with this code. */
    public Optional<LogParameter> parameter(int parameterCode) {
        return parameters.stream().filter(p -> p.parameterCode() == parameterCode).findFirst();
    }

    /** Whether any parameter is a data counter (and so has threshold values in the standard's model). */
    public boolean hasDataCounters() {
        return parameters.stream().anyMatch(p -> p.control().dataCounter());
    }

    @Override
    public String toString() {
        return subpageCode == 0 ? String.format("%s log page (%02Xh)", name, pageCode)
                : String.format("%s log page (%02Xh/%02Xh)", name, pageCode, subpageCode);
    }
}
