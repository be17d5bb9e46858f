package io.accesshub.application.fakes;

import io.accesshub.application.port.out.SignedValues;
import io.accesshub.application.port.out.SignedValuesContract;

class HmacSignedValuesTest extends SignedValuesContract {

    @Override
    protected SignedValues newSigner() {
        return new HmacSignedValues();
    }
}
