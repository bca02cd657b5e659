package dev.qctl.mta.postfix;

/** A Postfix release number such as 3.7.11, compared by major and minor. */
record PostfixVersion(String text, int major, int minor) {
    static PostfixVersion parse(String text) {
        String[] parts = text.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return new PostfixVersion(text, major, minor);
        } catch (NumberFormatException e) {
            // A snapshot or vendor string: assume a current release rather than refuse to work.
            return new PostfixVersion(text, 99, 0);
        }
    }

    boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
