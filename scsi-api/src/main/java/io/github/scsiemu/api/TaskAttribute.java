package io.github.scsiemu.api;

/** The task attribute of a command, which orders it within the task set (SAM-5 8.6). */
public enum TaskAttribute {
    SIMPLE,
    ORDERED,
    HEAD_OF_QUEUE,
    ACA
}
