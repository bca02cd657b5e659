package dev.qctl.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a listing must fetch beyond the envelope: some {@link OptionalField}s and the values of some
 * header fields (for {@code --header NAME: PATTERN}, names lower-cased). Empty = the plain, fast listing.
 */
public record OptionalFields(Set<OptionalField> fields, Set<String> headers) {
    private static final OptionalFields NONE = new OptionalFields(Set.of(), Set.of());

    public OptionalFields {
        EnumSet<OptionalField> copy = EnumSet.noneOf(OptionalField.class);
        copy.addAll(fields);
        fields = Set.copyOf(copy);
        TreeSet<String> names = new TreeSet<>();
        headers.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        headers = Set.copyOf(names);
    }

    public static OptionalFields none() {
        return NONE;
    }

    public static OptionalFields of(OptionalField... fields) {
        return new OptionalFields(Set.of(fields), Set.of());
    }

    public boolean isEmpty() {
        return fields.isEmpty() && headers.isEmpty();
    }

    public boolean has(OptionalField field) {
        return fields.contains(field);
    }

    /** Whether the message's header section must be read at all. */
    public boolean needsHeaders() {
        return has(OptionalField.SUBJECT) || has(OptionalField.MESSAGE_ID) || !headers.isEmpty();
    }

    public OptionalFields plus(OptionalFields other) {
        if (other.isEmpty()) {
            return this;
        }
        EnumSet<OptionalField> f = EnumSet.noneOf(OptionalField.class);
        f.addAll(fields);
        f.addAll(other.fields);
        Set<String> h = new TreeSet<>(headers);
        h.addAll(other.headers);
        return new OptionalFields(f, h);
    }
}
