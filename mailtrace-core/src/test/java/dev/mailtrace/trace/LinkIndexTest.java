package dev.mailtrace.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LinkIndexTest {

    /** Equal but distinct values: the index tells them apart by identity, as the linker's nodes need. */
    private static final class Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Value;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void keepsTheValuesOfAKeyInOrderAndRemovesThemByIdentity() {
        LinkIndex<Value> index = new LinkIndex<>();
        Value a = new Value();
        Value b = new Value();
        Value c = new Value();
        assertThat(index.get("Q1")).isNull();
        index.add("Q1", a);
        assertThat(index.get("Q1")).containsExactly(a);
        index.add("Q1", b);
        index.add("Q1", c);
        index.add("Q2", b);
        List<Value> q1 = index.get("Q1");
        assertThat(q1).hasSize(3);
        assertThat(q1.get(0)).isSameAs(a);
        assertThat(q1.get(1)).isSameAs(b);
        assertThat(q1.get(2)).isSameAs(c);

        index.remove("Q1", b);
        assertThat(index.get("Q1")).hasSize(2).first().isSameAs(a);
        assertThat(index.get("Q1").get(1)).isSameAs(c);
        index.remove("Q1", new Value()); // equal, but not there
        assertThat(index.get("Q1")).hasSize(2);
        index.remove("Q1", a);
        assertThat(index.get("Q1")).hasSize(1).first().isSameAs(c);
        index.remove("Q1", c);
        assertThat(index.get("Q1")).isNull();
        assertThat(index.keys()).containsExactly("Q2");
        index.remove("Q3", a); // no such key
        assertThat(index.keys()).containsExactly("Q2");
    }

    @Test
    void replacesAKeysValuesWhenAStateIsRead() {
        LinkIndex<Value> index = new LinkIndex<>();
        Value a = new Value();
        Value b = new Value();
        Value c = new Value();
        index.put("Q1", List.of(a, b, c));
        index.put("Q2", List.of(a));
        index.put("Q3", List.of());
        assertThat(index.get("Q1")).hasSize(3);
        assertThat(index.get("Q2")).hasSize(1).first().isSameAs(a);
        assertThat(index.get("Q3")).isNull();
        List<Value> all = new ArrayList<>();
        index.forEachValue(all::add);
        assertThat(all).hasSize(4);
        index.add("Q1", a);
        assertThat(index.get("Q1")).hasSize(4);
    }
}
