package org.conpaas.identity.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditBalanceTest {

    @Test
    void isBetweenZeroAndTheMaximum() {
        assertThat(new CreditBalance(0, 50).value()).isZero();
        assertThat(new CreditBalance(50, 50).value()).isEqualTo(50);
        assertThatThrownBy(() -> new CreditBalance(-1, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credit must be 0..50, was -1");
        assertThatThrownBy(() -> new CreditBalance(51, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goesUpToTheMaximumAndDownToZero() {
        assertThat(new CreditBalance(10, 50).plus(40)).isEqualTo(new CreditBalance(50, 50));
        assertThat(new CreditBalance(10, 50).plus(-10)).isEqualTo(new CreditBalance(0, 50));
    }

    @Test
    void refusesToGoBelowZeroOrAboveTheMaximumAndStaysAsItWas() {
        CreditBalance balance = new CreditBalance(10, 50);
        assertThatThrownBy(() -> balance.plus(41)).isInstanceOf(IllegalStateException.class)
                .hasMessage("credit cannot exceed 50: the balance is 10, the change 41");
        assertThatThrownBy(() -> balance.plus(-11)).isInstanceOf(IllegalStateException.class)
                .hasMessage("credit cannot go below 0: the balance is 10, the change -11");
        assertThat(balance.value()).isEqualTo(10);
    }
}
