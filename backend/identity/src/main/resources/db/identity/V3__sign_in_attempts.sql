-- Sign-in throttling, shared by every node (ADR 0006). Each attempt is counted here as a failure
-- before its password is checked; a success takes its count back.
create table sign_in_counter (
    counter_key     varchar(100) primary key,  -- 'u:' || username, or 'a:' || client address
    failures        integer      not null,
    last_failure_at timestamptz  not null
);
create index sign_in_counter_last_failure_idx on sign_in_counter (last_failure_at);

-- Addresses a user has signed in from: guesses elsewhere do not delay the user there.
create table sign_in_known_address (
    username        varchar(32)  not null,
    address         varchar(64)  not null,
    last_success_at timestamptz  not null,
    primary key (username, address)
);
create index sign_in_known_address_last_success_idx on sign_in_known_address (last_success_at);
