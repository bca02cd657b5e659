package dev.qctl.mta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodedWordsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain subject|plain subject",
            "=?UTF-8?B?R3LDvMOfZQ==?= probe|Grüße probe",
            "=?utf-8?q?Gr=C3=BC=C3=9Fe_aus?= Zürich|Grüße aus Zürich",
            "=?ISO-8859-1?Q?J=F6rg?=|Jörg",
            // white space between two encoded-words is dropped (RFC 2047 section 6.2)
            "=?UTF-8?Q?a?= =?UTF-8?Q?b?=|ab",
            "=?UTF-8?Q?a?=   x =?UTF-8?Q?b?=|a   x b",
            // what cannot be decoded stays as written
            "=?x-unknown-charset?Q?a?= rest|=?x-unknown-charset?Q?a?= rest",
            "=?UTF-8?Q?bad=ZZ?=|=?UTF-8?Q?bad=ZZ?=",
            "=?UTF-8?B?***?=|=?UTF-8?B?***?=",
            "=?UTF-8*en?Q?lang?=|lang",
            "no =? end|no =? end",
    })
    void decodes(String encoded, String decoded) {
        assertThat(EncodedWords.decode(encoded)).isEqualTo(decoded);
    }
}
