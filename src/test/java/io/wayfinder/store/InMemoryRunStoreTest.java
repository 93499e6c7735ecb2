package io.wayfinder.store;

class InMemoryRunStoreTest extends RunStoreContractTest {
    @Override
    protected RunStore newStore() {
        return new InMemoryRunStore();
    }
}
