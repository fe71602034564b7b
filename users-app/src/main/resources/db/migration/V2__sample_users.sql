-- A few users to start with. Their password is "demo-password", stored as a bcrypt hash (cost 10) like any other.
INSERT INTO users (first_name, last_name, email, password) VALUES
    ('Ada', 'Lovelace', 'ada@example.com', '$2a$10$BR1GYwTj0Dkj04WhzUJEle3v3Kz4nQTck3nbVZqMzjMpeedFiVxYC'),
    ('Grace', 'Hopper', 'grace@example.com', '$2a$10$BR1GYwTj0Dkj04WhzUJEle3v3Kz4nQTck3nbVZqMzjMpeedFiVxYC'),
    ('Alan', 'Turing', 'alan@example.com', '$2a$10$BR1GYwTj0Dkj04WhzUJEle3v3Kz4nQTck3nbVZqMzjMpeedFiVxYC');
