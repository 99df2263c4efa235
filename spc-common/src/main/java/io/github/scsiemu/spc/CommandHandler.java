package io.github.scsiemu.spc;

/**
 * The behaviour of one declared command once it has passed the pre-execution gate (SAM-5 5.1). A handler may
 * return a {@link CommandResult} or throw {@link CheckConditionException} from any depth; the engine turns either
 * into the response, truncating data-in to the allocation length and computing residuals in one place.
 */
@FunctionalInterface
public interface CommandHandler {
    CommandResult handle(CommandContext context);
}
