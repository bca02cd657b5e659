package dev.qctl.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands and mixins, handing the {@link CliContext} to those whose constructor takes it. */
final class CommandFactory implements CommandLine.IFactory {
    private final CliContext context;

    CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            Class<?>[] params = c.getParameterTypes();
            if (params.length == 1 && params[0] == CliContext.class) {
                c.setAccessible(true);
                return type.cast(c.newInstance(context));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }
}
