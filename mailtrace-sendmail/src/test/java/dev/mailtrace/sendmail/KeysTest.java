package dev.mailtrace.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class KeysTest {

    private static int of(String s) {
        byte[] b = ("x " + s + " y").getBytes(StandardCharsets.UTF_8);
        return Keys.of(b, 2, 2 + s.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Every constant is the number of the key it is named for, and no two share a number. */
    @Test
    void eachConstantIsItsKeysNumber() throws IllegalAccessException {
        List<Integer> numbers = new ArrayList<>();
        for (Field f : Keys.class.getDeclaredFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && !f.getName().equals("UNKNOWN")) {
                int number = f.getInt(null);
                assertThat(of(f.getName().toLowerCase(Locale.ROOT))).as(f.getName()).isEqualTo(number);
                numbers.add(number);
            }
        }
        assertThat(numbers).hasSizeGreaterThan(30).doesNotHaveDuplicates();
    }

    @Test
    void otherSlicesAreUnknown() {
        assertThat(of("fro")).isEqualTo(Keys.UNKNOWN);
        assertThat(of("fromx")).isEqualTo(Keys.UNKNOWN);
        assertThat(of("From")).isEqualTo(Keys.UNKNOWN);
        assertThat(of("zzz")).isEqualTo(Keys.UNKNOWN);
        assertThat(of("ünknown")).isEqualTo(Keys.UNKNOWN);
        assertThat(of("")).isEqualTo(Keys.UNKNOWN);
    }
}
