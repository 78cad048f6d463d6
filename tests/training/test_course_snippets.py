"""The course's Keras code runs with only its imports changed."""
import numpy as np

from neurona.layers import Dense, Flatten
from neurona.models import Sequential


def test_binary_classifier_snippet():
    rng = np.random.default_rng(0)
    input_nodes, hidden_nodes1 = 8, 16
    x = rng.standard_normal((64, input_nodes))
    y = (x[:, 0] > 0).astype(float)

    model = Sequential()
    model.add(Dense(hidden_nodes1, input_dim=input_nodes, activation='relu'))
    model.add(Dense(10, activation='relu'))
    model.add(Dense(10, activation='relu'))
    model.add(Dense(10, activation='relu'))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])

    history = model.fit(x, y, epochs=3, batch_size=16, verbose=0)
    assert set(history.history) == {"loss", "accuracy"} and len(history.history["loss"]) == 3
    assert model.predict(x).shape == (64, 1)


def test_mnist_snippet(capsys):
    rng = np.random.default_rng(0)
    x_train, x_test = rng.random((64, 28, 28)), rng.random((16, 28, 28))
    y_train_ohe = np.eye(10)[rng.integers(0, 10, 64)]
    y_test_ohe = np.eye(10)[rng.integers(0, 10, 16)]

    model = Sequential()
    model.add(Flatten(input_shape=x_train[0].shape))
    model.add(Dense(128, activation='tanh'))
    model.add(Dense(10, activation='sigmoid'))
    model.compile(optimizer='adam', loss='mse')
    result = model.fit(x_train, y_train_ohe, validation_data=(x_test, y_test_ohe), epochs=15, verbose=1)

    assert set(result.history) == {"loss", "val_loss"} and len(result.history["loss"]) == 15
    assert result.history["loss"][-1] < result.history["loss"][0]
    assert "Epoch 15/15" in capsys.readouterr().out


def test_summary_of_the_course_network_counts_101770_parameters(capsys):
    model = Sequential([Flatten(input_shape=(28, 28)), Dense(128, activation="tanh"), Dense(10, activation="sigmoid")])
    model.summary()
    out = capsys.readouterr().out
    assert "Total params: 101,770" in out
    assert "(None, 784)" in out and "(None, 128)" in out and "(None, 10)" in out
    assert "100,480" in out and "1,290" in out
