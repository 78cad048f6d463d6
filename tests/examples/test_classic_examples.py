"""Each classic example's main() runs and reaches its figure."""
import pytest


@pytest.mark.slow
def test_line_gd_finds_the_line(load_example, capsys):
    a, b = load_example("line_gd").main()
    assert a == pytest.approx(3.0, abs=0.2) and b == pytest.approx(4.0, abs=0.2)
    assert "learned a =" in capsys.readouterr().out


@pytest.mark.slow
def test_boston_linear_regression_solvers_agree(load_example, capsys):
    figures = load_example("boston_linear_regression").main()
    assert figures["max_relative_difference"] < 1e-4
    assert figures["rmse_gd"] == pytest.approx(figures["rmse_normal"], rel=1e-6) and figures["rmse_normal"] < 6
    assert "test RMSE, gradient descent" in capsys.readouterr().out


@pytest.mark.slow
def test_breast_cancer_logistic_reaches_95_percent(load_example, capsys):
    assert load_example("breast_cancer_logistic").main() >= 0.95
    assert "breast cancer test accuracy" in capsys.readouterr().out


@pytest.mark.slow
def test_iris_softmax_reaches_93_percent(load_example, capsys):
    assert load_example("iris_softmax").main() >= 0.93
    assert "iris test accuracy" in capsys.readouterr().out
